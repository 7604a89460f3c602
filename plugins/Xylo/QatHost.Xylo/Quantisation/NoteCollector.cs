namespace QatHost.Xylo.Quantisation;

/// <summary>Rounds values and counts, per layer, what clipped or rounded to zero, for the quantisation report.</summary>
internal sealed class NoteCollector(XyloSpec spec)
{
    private readonly Dictionary<(string Module, string What), (int Count, int Of, double Largest)> counts = [];

    /// <summary>round(w·s), clipped to -128..127 (never wrapped: fix of defect 6).</summary>
    public int Weight(double w, double scale, string module)
    {
        if (w == 0) return 0;
        double x = Math.Round(w * scale);
        Count(module, "non-zero weights", Math.Abs(w), hit: false);
        if (x == 0) Count(module, "weights rounded to 0", Math.Abs(w));
        if (x > 127 || x < -128) Count(module, "weights clipped to -128..127", Math.Abs(w));
        return (int)Math.Clamp(x, -128, 127);
    }

    public int[] Thresholds(double[] thr, double[] scales, int gain, string[] modules) =>
        thr.Select((t, i) =>
        {
            double x = Math.Round(t * scales[i] * gain);
            if (x < 1) Count(modules[i], "thresholds below 1", t);
            return (int)Math.Clamp(x, int.MinValue / 2, int.MaxValue / 2);
        }).ToArray();

    public int[] Biases(double[] bias, double[] scales, int gain, string[] modules) =>
        bias.Select((b, i) =>
        {
            double x = Math.Round(b * scales[i] * gain);
            if (b != 0 && x == 0) Count(modules[i], "biases rounded to 0", Math.Abs(b));
            return (int)Math.Clamp(x, int.MinValue / 2, int.MaxValue / 2);
        }).ToArray();

    public QuantisationReport Report(QuantiseMethod method, Scales scales, int shift, int shiftOut)
    {
        var lines = new List<string>
        {
            Range("hidden", scales.Hidden) + $", weight shift in/rec {shift}",
            Range("output", scales.Output) + $", weight shift out {shiftOut}",
        };
        var notes = new List<QuantisationNote>();
        foreach (var ((module, what), (count, _, largest)) in counts.Where(c => c.Key.What != "non-zero weights"))
        {
            string of = what.StartsWith("weights", StringComparison.Ordinal) && counts.TryGetValue((module, "non-zero weights"), out var all)
                ? $" of {all.Of}" : "";
            notes.Add(new QuantisationNote(Label(module), what, $"{count}{of} (largest |value| {largest:0.#####})"));
        }
        foreach (var (group, limited, modules) in new[] { ("hidden", scales.LimitedHidden, spec.HiddenModules), ("output", scales.LimitedOutput, spec.OutputModules) })
            foreach (var g in limited.GroupBy(i => modules[i]))
                notes.Add(new QuantisationNote(Label(g.Key), "scale reduced", $"{g.Count()} {group} neuron(s): threshold or bias would exceed 16 bits"));
        string name = method switch { QuantiseMethod.Global => "global", QuantiseMethod.GlobalFuzzy => "global (fuzzy range, clipping)", _ => "per channel" };
        return new QuantisationReport(name, lines, notes);
    }

    private static string Range(string group, double[] s) => s.Length == 0 ? $"{group} scale: none"
        : s.Min() == s.Max() ? $"{group} scale {s[0]:0.####}" : $"{group} scales {s.Min():0.####} .. {s.Max():0.####}";

    private static string Label(string module) => module == "" ? "(unknown module)" : module;

    private void Count(string module, string what, double value, bool hit = true)
    {
        var key = (module, what);
        counts.TryGetValue(key, out var c);
        counts[key] = (c.Count + (hit ? 1 : 0), c.Of + 1, Math.Max(c.Largest, value));
    }
}
