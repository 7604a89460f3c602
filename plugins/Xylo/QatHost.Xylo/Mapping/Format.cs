using System.Globalization;

namespace QatHost.Xylo.Mapping;

/// <summary>Number formatting shared by rule messages and reports (invariant culture, short).</summary>
internal static class Format
{
    public static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A duration in seconds as milliseconds, e.g. <c>"20 ms"</c>.</summary>
    public static string Ms(double seconds) => N(seconds * 1e3) + " ms";

    /// <summary>The time constant the chip realises with bit shift <paramref name="dash"/>: the decay per step is
    /// <c>1 - 2^-dash</c>, so <c>tau = -dt / ln(1 - 2^-dash)</c> (0 for dash 0).</summary>
    public static double EffectiveTau(int dash, double dt) => dash <= 0 ? 0 : -dt / Math.Log(1 - Math.Pow(2, -dash));
}
