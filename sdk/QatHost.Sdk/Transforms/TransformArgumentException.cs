namespace QatHost.Sdk.Transforms;

/// <summary>A transform factory was given an argument it cannot work with; the message names the argument,
/// the value and what is required, e.g. <c>Rounding.Stochastic: levels = 1 must be at least 2</c>.</summary>
public sealed class TransformArgumentException(string transform, string argument, object? value, string requirement)
    : QatHostException($"{transform}: {argument} = {value ?? "null"} {requirement}.")
{
    /// <summary>The argument at fault.</summary>
    public string Argument { get; } = argument;
}
