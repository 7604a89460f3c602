using System.Globalization;

namespace QatHost.Transforms;

/// <summary>Writes a transform's description as the call that made it, leaving out the arguments that kept
/// their defaults: <c>Rounding.Stochastic(levels: 16, outputRange: (-7, 8))</c>.</summary>
internal static class CallText
{
    /// <summary>The call text; an argument is shown only when <c>Shown</c> is true.</summary>
    public static string Of(string method, params (string Name, object? Value, bool Shown)[] arguments) =>
        method + "(" + string.Join(", ", arguments.Where(a => a.Shown).Select(a => $"{a.Name}: {Format(a.Value)}")) + ")";

    /// <summary>A value as C# source would spell it, independent of the current culture.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        ValueTuple<double, double> r => $"({Format(r.Item1)}, {Format(r.Item2)})",
        Enum e => $"{e.GetType().Name}.{e}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
