using QatHost.Sdk.Hardware;

namespace QatHost.Xylo.Mapping;

/// <summary>Collects violations; per-neuron findings are grouped into one violation per module and rule,
/// reporting how many neurons fail and the worst one, so a 1000-neuron layer gives one line, not 1000.</summary>
internal sealed class ViolationList
{
    private readonly List<DesignRuleViolation> items = [];

    public IReadOnlyList<DesignRuleViolation> Items => items;

    public bool HasErrors => items.Any(v => v.Severity == ViolationSeverity.Error);

    public void Add(DesignRuleViolation violation) => items.Add(violation);

    public void AddRange(IEnumerable<DesignRuleViolation> violations) => items.AddRange(violations);

    public void Error(string path, string rule, string measured, string limit, string message) =>
        items.Add(new DesignRuleViolation(path, rule, measured, limit, message));

    public void Warn(string path, string rule, string measured, string limit, string message) =>
        items.Add(DesignRuleViolation.Warn(path, rule, measured, limit, message));

    /// <summary>Checks <paramref name="values"/> (one per neuron) and adds one violation per module whose
    /// neurons fail <paramref name="ok"/>; <paramref name="worse"/> orders failures, worst first.</summary>
    /// <remarks><c>modules</c>: module path per neuron; <c>what</c>: field and neuron kind, e.g.
    /// <c>"threshold of hidden neuron"</c>.</remarks>
    public void PerNeuron(IReadOnlyList<string> modules, IReadOnlyList<int> values, Func<int, bool> ok,
        string rule, string what, string limit, string message, Func<int, double>? worse = null,
        ViolationSeverity severity = ViolationSeverity.Error, string fallbackPath = "configuration")
    {
        var failing = Enumerable.Range(0, values.Count).Where(i => !ok(values[i]));
        foreach (var group in failing.GroupBy(i => Path(modules, i, fallbackPath)))
        {
            int worst = group.OrderByDescending(i => worse?.Invoke(values[i]) ?? 0).First();
            string count = group.Count() > 1 ? $" ({group.Count()} neurons)" : "";
            items.Add(new DesignRuleViolation(group.Key, rule, $"{values[worst]} ({what} {worst}){count}", limit, message, severity));
        }
    }

    private static string Path(IReadOnlyList<string> modules, int i, string fallback) =>
        i < modules.Count && !string.IsNullOrEmpty(modules[i]) ? modules[i] : fallback;
}
