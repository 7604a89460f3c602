namespace QatHost.Sdk.Sweeps;

/// <summary>What an <see cref="ISweepExecutor"/> gets to run: the trials, how to start one, and its settings.</summary>
public sealed class SweepJob
{
    /// <summary>Creates a job. The host builds it; executors only read it.</summary>
    public SweepJob(string directory, string workingDirectory, IReadOnlyList<TrialSpec> trials,
        Func<TrialSpec, IReadOnlyList<string>> command, int threadsPerTrial, int? maxParallel,
        IReadOnlyDictionary<string, string> options, IReadOnlyList<string> extraArguments,
        Func<TrialSpec, CancellationToken, Task<TrialResult?>>? runHere = null)
    {
        Directory = directory;
        WorkingDirectory = workingDirectory;
        Trials = trials;
        Command = command;
        ThreadsPerTrial = threadsPerTrial;
        MaxParallel = maxParallel;
        Options = options;
        ExtraArguments = extraArguments;
        RunHere = runHere;
    }

    /// <summary>The sweep folder (<c>--out DIR</c>), absolute. Trial folders are below it.</summary>
    public string Directory { get; }

    /// <summary>A folder of the executor's own inside the sweep folder (<c>DIR/&lt;executor name&gt;</c>), for
    /// batch scripts, job ids and scheduler logs. The executor creates it when it needs it.</summary>
    public string ExecutorDirectory(ISweepExecutor executor) => Path.Combine(Directory, executor.Name);

    /// <summary>Where trials run from, absolute: the folder <c>qathost sweep</c> was started in, so relative paths
    /// in the script mean what they mean under <c>qathost run</c>.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The trials to run now: the grid, less those already completed (and failed ones unless
    /// <c>--rerun-failed</c>). May be empty when the host only asks for <see cref="ISweepExecutor.Active"/>.</summary>
    public IReadOnlyList<TrialSpec> Trials { get; }

    /// <summary>The command line (program first) that runs one trial and records its result in its folder;
    /// the same binary as the host, so it runs anywhere the sweep folder and the binary are visible.</summary>
    public Func<TrialSpec, IReadOnlyList<string>> Command { get; }

    /// <summary>CPU threads each trial may use (<c>--threads</c>); torch in the trial is limited to this many
    /// when <c>QATHOST_THREADS</c> is set to it.</summary>
    public int ThreadsPerTrial { get; }

    /// <summary>How many trials may run at once (<c>--jobs N</c>), or null for the executor's default.</summary>
    public int? MaxParallel { get; }

    /// <summary>Executor options by name, e.g. <c>partition</c>, <c>time</c>, <c>cpus-per-task</c>, <c>mem</c>
    /// (only names in <see cref="ISweepExecutor.OptionNames"/>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>Arguments after <c>--</c> on the sweep command line, passed through to the engine (for Slurm,
    /// to <c>sbatch</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; }

    /// <summary>Runs one trial on this machine, as a child process of the host, and records its result; returns
    /// null when <c>stop</c> ended it first (no result recorded). What the local executor uses; null when the
    /// host offers no in-process runner.</summary>
    public Func<TrialSpec, CancellationToken, Task<TrialResult?>>? RunHere { get; }
}
