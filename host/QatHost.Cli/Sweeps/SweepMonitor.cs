using QatHost.Sdk.Sweeps;

namespace QatHost.Cli.Sweeps;

/// <summary>Where each trial of a sweep stands: ended (its result file), queued or running (the executor), or pending.
/// Results are read once each; the executor is asked before the files, so a trial that ends in between is seen ended.</summary>
public sealed class SweepMonitor(IReadOnlyList<TrialSpec> trials, ISweepExecutor executor, SweepJob job)
{
    private readonly Dictionary<string, TrialResult> results = new(StringComparer.Ordinal);

    /// <summary>The grid's trials, in grid order.</summary>
    public IReadOnlyList<TrialSpec> Trials => trials;

    /// <summary>Looks again: every trial with its state, and the trials whose result appeared since the last look.</summary>
    public (IReadOnlyList<TrialRow> Rows, IReadOnlyList<TrialRow> Ended) Poll()
    {
        var active = executor.Active(job);
        var ended = new List<TrialRow>();
        var rows = new List<TrialRow>(trials.Count);
        foreach (var trial in trials)
        {
            if (!results.TryGetValue(trial.Id, out var result) && TrialResult.TryRead(trial.Directory) is { } read)
            {
                results[trial.Id] = result = read;
                ended.Add(new TrialRow(trial, read.State, read));
            }
            rows.Add(result is not null ? new TrialRow(trial, result.State, result)
                : active.TryGetValue(trial.Id, out var state) ? new TrialRow(trial, state, null)
                : new TrialRow(trial, TrialState.Pending, null));
        }
        return (rows, ended);
    }

    /// <summary>Forgets a trial's result (before it runs again).</summary>
    public void Forget(string id) => results.Remove(id);
}
