namespace QatHost.Sdk.Sweeps;

/// <summary>One point of a sweep's grid.</summary>
/// <param name="Id">Stable id: a hash of the parameter names and values, so the same point of the same sweep has
/// the same id in every run (see <see cref="SweepGrid.TrialId"/>).</param>
/// <param name="Parameters">The parameter values, in the order the sweep names the parameters.</param>
/// <param name="Directory">The trial's own folder, <c>DIR/trials/&lt;id&gt;/</c>: output, metrics, result.</param>
public sealed record TrialSpec(string Id, IReadOnlyList<KeyValuePair<string, string>> Parameters, string Directory)
{
    /// <summary>The parameters as <c>bits=4 seed=1</c>, for progress lines and messages.</summary>
    public string Describe() => string.Join(" ", Parameters.Select(p => $"{p.Key}={p.Value}"));
}
