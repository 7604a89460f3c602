using System.Text;

namespace QatHost.Xylo.Quantisation;

/// <summary>What quantisation did: the method and scales, and every value that clipped, rounded to zero or
/// needed a smaller scale, grouped by layer.</summary>
public sealed class QuantisationReport
{
    /// <summary>Creates a report.</summary>
    public QuantisationReport(string method, IReadOnlyList<string> scales, IReadOnlyList<QuantisationNote> notes)
    {
        Method = method;
        Scales = scales;
        Notes = notes;
    }

    /// <summary>The report of a configuration that was read from a file (nothing known).</summary>
    public static QuantisationReport Empty { get; } = new("(imported)", [], []);

    /// <summary>The method, e.g. <c>"global"</c>.</summary>
    public string Method { get; }

    /// <summary>The scales and shifts chosen, one line each.</summary>
    public IReadOnlyList<string> Scales { get; }

    /// <summary>Values that clipped, rounded to zero or were rescaled.</summary>
    public IReadOnlyList<QuantisationNote> Notes { get; }

    /// <summary>The method, scales and notes, one per line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"quantisation: {Method}");
        foreach (var s in Scales) text.Append("\n  ").Append(s);
        if (Notes.Count == 0) text.Append("\n  nothing clipped or rounded to zero");
        foreach (var n in Notes) text.Append("\n  ").Append(n);
        return text.ToString();
    }
}
