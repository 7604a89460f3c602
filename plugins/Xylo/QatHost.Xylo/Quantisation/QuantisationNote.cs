namespace QatHost.Xylo.Quantisation;

/// <summary>One finding of the quantiser, e.g. weights into a layer that rounded to zero.</summary>
/// <param name="ModulePath">The layer concerned (for weights: the layer they feed).</param>
/// <param name="What">What happened, e.g. <c>"weights rounded to 0"</c>.</param>
/// <param name="Detail">Counts and values, e.g. <c>"3 of 16 non-zero weights (largest |w| 0.004)"</c>.</param>
public sealed record QuantisationNote(string ModulePath, string What, string Detail)
{
    /// <summary><c>path: what: detail</c>.</summary>
    public override string ToString() => $"{ModulePath}: {What}: {Detail}";
}
