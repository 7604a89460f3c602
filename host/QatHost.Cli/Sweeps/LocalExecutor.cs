using System.Collections.Concurrent;
using QatHost.Sdk;
using QatHost.Sdk.Sweeps;

namespace QatHost.Cli.Sweeps;

/// <summary>
/// Runs trials on this machine, <see cref="SweepJob.MaxParallel"/> at once (default: cores / threads per trial),
/// each as a child <c>qathost run</c> process limited to <see cref="SweepJob.ThreadsPerTrial"/> torch threads.
/// Stopping ends the running trials; they leave no result and run again next time.
/// </summary>
public sealed class LocalExecutor : ISweepExecutor
{
    private readonly ConcurrentDictionary<string, byte> running = new();

    /// <inheritdoc/>
    public string Name => "local";

    /// <inheritdoc/>
    public string Description => "trials as child processes on this machine, --jobs at once";

    /// <inheritdoc/>
    public IReadOnlyCollection<string> OptionNames => [];

    /// <inheritdoc/>
    public bool TrialsOutliveHost => false;

    /// <summary>Trials at once when <c>--jobs</c> is not given: the cores divided by the threads each trial uses.</summary>
    public static int DefaultParallel(int threadsPerTrial) => Math.Max(1, Environment.ProcessorCount / Math.Max(1, threadsPerTrial));

    /// <inheritdoc/>
    public void Check(SweepJob job)
    {
        if (job.RunHere is null) throw new QatHostException("the local executor needs the host's trial runner.");
        if (job.ExtraArguments.Count > 0)
            throw new QatHostException($"{string.Join(" ", job.ExtraArguments)}: the local executor takes no arguments after --.");
    }

    /// <inheritdoc/>
    public async Task RunAsync(SweepJob job, CancellationToken stop)
    {
        var queue = new ConcurrentQueue<TrialSpec>(job.Trials);
        int parallel = job.MaxParallel ?? DefaultParallel(job.ThreadsPerTrial);
        var workers = Enumerable.Range(0, Math.Min(parallel, Math.Max(1, job.Trials.Count))).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && queue.TryDequeue(out var trial))
            {
                running[trial.Id] = 0;
                try { await job.RunHere!(trial, stop); }
                finally { running.TryRemove(trial.Id, out _); }
            }
        }, CancellationToken.None));
        await Task.WhenAll(workers);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, TrialState> Active(SweepJob job) => running.Keys.ToDictionary(id => id, _ => TrialState.Running);

    /// <inheritdoc/>
    public void Cancel(SweepJob job) { } // trials run inside RunAsync and end with its token
}
