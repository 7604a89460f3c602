namespace QatHost.Sdk.Sweeps;

/// <summary>
/// A way to run the trials of a sweep: on this machine (<c>local</c>), as a Slurm array job (<c>slurm</c>), or,
/// from a plugin, on any other engine (Kubernetes jobs, HTCondor). <c>qathost sweep --executor NAME</c> picks one
/// by <see cref="Name"/>; the host finds plugin executors as it finds hardware targets: every public,
/// non-abstract class with a parameterless constructor that implements this interface.
/// </summary>
/// <remarks>
/// <para>The host owns the sweep: it expands the grid, gives each trial its stable id and folder, writes
/// <c>DIR/results.csv</c>, shows progress and the final table. An executor only gets the trials to run
/// somewhere and says which are still queued or running. A trial has ended when its
/// <see cref="TrialResult.FileName"/> exists in its folder; the host reads results from the files, never from the
/// executor, so trials that run elsewhere only need the sweep folder on a file system both sides see.</para>
/// <para>To run trial <c>t</c> anywhere, run the command line <see cref="SweepJob.Command"/>(<c>t</c>) with the
/// sweep's working directory (<see cref="SweepJob.WorkingDirectory"/>) and, optionally, <c>QATHOST_THREADS</c>
/// set to the CPUs the trial may use. It runs the script as a separate <c>qathost run</c> process, writes the
/// trial's output files and, last, its result file; it exits 0 whether the trial succeeded or failed, and
/// non-zero only when it could not record a result.</para>
/// <para>Lifecycle: the host calls <see cref="RunAsync"/> once per <c>qathost sweep</c>, while it calls
/// <see cref="Active"/> about twice a second for progress. When the user stops the sweep, the token passed to
/// <see cref="RunAsync"/> is cancelled: an executor whose trials run inside the host ends them and returns;
/// one whose trials run elsewhere (<see cref="TrialsOutliveHost"/>) returns at once, and the host asks the
/// user whether to <see cref="Cancel"/> them or leave them running. <c>qathost sweep status DIR</c> and
/// <c>qathost sweep collect DIR</c> may run later from another process; they call <see cref="Active"/> on a new
/// instance, so such an executor keeps what it needs (a job id) in <see cref="SweepJob.ExecutorDirectory"/>.</para>
/// Methods throw <see cref="QatHostException"/> with one clear line for anything the user can fix (a
/// missing <c>sbatch</c>, an option the executor does not take).
/// </remarks>
public interface ISweepExecutor
{
    /// <summary>The name given to <c>--executor</c>, e.g. <c>"slurm"</c>; lower case, no spaces.</summary>
    string Name { get; }

    /// <summary>One line for listings and help.</summary>
    string Description { get; }

    /// <summary>The keys of <see cref="SweepJob.Options"/> this executor understands (e.g. <c>"partition"</c>);
    /// the host rejects a sweep that sets any other.</summary>
    IReadOnlyCollection<string> OptionNames { get; }

    /// <summary>True when trials keep running after the host process ends (a batch scheduler); false when
    /// they run inside it.</summary>
    bool TrialsOutliveHost { get; }

    /// <summary>Checks that the executor can run <paramref name="job"/> here (its tools exist, its options are
    /// valid) before anything is written.</summary>
    /// <exception cref="QatHostException">It cannot; the message says what to fix.</exception>
    void Check(SweepJob job);

    /// <summary>Runs (or submits) <see cref="SweepJob.Trials"/>. Completes when every trial has ended, or, after
    /// <paramref name="stop"/> is cancelled, when trials running inside the host have been ended (they leave no
    /// result file, so the next run of the sweep runs them again).</summary>
    Task RunAsync(SweepJob job, CancellationToken stop);

    /// <summary>The trials of <paramref name="job"/> that are queued or running now, with their state; trials
    /// not listed are either ended (their result file exists) or not started.</summary>
    IReadOnlyDictionary<string, TrialState> Active(SweepJob job);

    /// <summary>Ends every queued or running trial of <paramref name="job"/>
    /// (for Slurm: <c>scancel</c> of the array job).</summary>
    void Cancel(SweepJob job);

    /// <summary>Where to look when a trial ended without a result file (killed, out of time or memory),
    /// e.g. the scheduler's output file of its task; null when there is nothing beyond the trial folder.</summary>
    string? LostTrialLog(SweepJob job, TrialSpec trial) => null;
}
