namespace QatHost.Sdk.Hardware;

/// <summary>One documented limit or number format of a chip, e.g. <c>("hidden neurons", "1000")</c>.</summary>
/// <param name="Name">What is limited, in words, e.g. <c>"recurrent fan-out per hidden neuron"</c>.</param>
/// <param name="Value">The limit as it should be shown, e.g. <c>"64"</c>, <c>"signed 8-bit"</c>, <c>"first 128"</c>.</param>
/// <param name="Source">Where the number comes from (datasheet, spec section), or empty.</param>
public sealed record HardwareLimit(string Name, string Value, string Source = "")
{
    /// <summary><c>name: value</c>.</summary>
    public override string ToString() => $"{Name}: {Value}";
}
