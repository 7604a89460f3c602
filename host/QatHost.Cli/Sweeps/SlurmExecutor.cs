using System.Diagnostics;
using System.Globalization;
using System.Text;
using QatHost.Sdk;
using QatHost.Sdk.Sweeps;

namespace QatHost.Cli.Sweeps;

/// <summary>
/// Submits the trials as one Slurm array job (<c>sbatch --array</c>); each array task runs
/// <see cref="SweepJob.Command"/> for its trial. Progress comes from <c>squeue</c> and the trials' result files;
/// the job ids and task lists are kept in <c>DIR/slurm/</c>, so <c>qathost sweep status DIR</c> works from any login
/// node later. The script, the <c>qathost</c> binary and DIR must be on a file system the compute nodes share.
/// </summary>
public sealed class SlurmExecutor : ISweepExecutor
{
    private const string JobsFile = "jobs.txt";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string[]> tasksByJob = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public string Name => "slurm";

    /// <inheritdoc/>
    public string Description => "one Slurm array job (sbatch); progress from squeue";

    /// <inheritdoc/>
    public IReadOnlyCollection<string> OptionNames => ["partition", "time", "cpus-per-task", "mem"];

    /// <inheritdoc/>
    public bool TrialsOutliveHost => true;

    /// <summary>How often <see cref="RunAsync"/> asks <c>squeue</c>.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    public void Check(SweepJob job)
    {
        foreach (string tool in new[] { "sbatch", "squeue", "scancel" })
            if (FindOnPath(tool) is null)
                throw new QatHostException($"{tool}: not found on PATH; the slurm executor needs the Slurm client tools (run qathost sweep on a login node of the cluster).");
        if (job.Options.TryGetValue("cpus-per-task", out string? cpus) && !(int.TryParse(cpus, out int c) && c > 0))
            throw new QatHostException($"--cpus-per-task {cpus}: expected a positive number.");
    }

    /// <inheritdoc/>
    public async Task RunAsync(SweepJob job, CancellationToken stop)
    {
        if (job.Trials.Count == 0) return;
        string folder = job.ExecutorDirectory(this);
        Directory.CreateDirectory(folder);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        string tasks = Path.Combine(folder, $"tasks-{stamp}.txt");
        AtomicFile.WriteAllText(tasks, string.Concat(job.Trials.Select(t => $"{t.Id}\t{ShellCommand(job.Command(t))}\n")));
        string script = Path.Combine(folder, "array.sh");
        AtomicFile.WriteAllText(script, ArrayScript);

        var args = new List<string>
        {
            "--parsable", $"--job-name={JobName(job)}",
            $"--array=0-{job.Trials.Count - 1}{(job.MaxParallel is { } n ? $"%{n}" : "")}",
            $"--output={Path.Combine(folder, "%A_%a.out")}", $"--error={Path.Combine(folder, "%A_%a.err")}",
            $"--chdir={job.WorkingDirectory}",
            $"--cpus-per-task={job.Options.GetValueOrDefault("cpus-per-task") ?? job.ThreadsPerTrial.ToString(CultureInfo.InvariantCulture)}",
        };
        foreach (string option in new[] { "partition", "time", "mem" })
            if (job.Options.TryGetValue(option, out string? value)) args.Add($"--{option}={value}");
        args.AddRange(job.ExtraArguments);
        args.Add(script);
        args.Add(tasks);
        var (exit, output, error) = Run("sbatch", args);
        if (exit != 0)
            throw new QatHostException($"sbatch failed (exit {exit}): {FirstLine(error) ?? FirstLine(output) ?? "no message"}");
        string jobId = output.Trim().Split(';')[0].Trim();
        if (!long.TryParse(jobId, out _)) throw new QatHostException($"sbatch: expected a job id, got \"{output.Trim()}\".");
        File.AppendAllText(Path.Combine(folder, JobsFile), $"{jobId}\t{Path.GetFileName(tasks)}\n");

        // Done when squeue has not listed a task of this job twice in a row (a task writes its result before it ends).
        int empty = 0;
        while (!stop.IsCancellationRequested && empty < 2)
        {
            try { await Task.Delay(PollInterval, stop); }
            catch (OperationCanceledException) { return; }
            empty = Active(job, jobId).Count == 0 ? empty + 1 : 0;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, TrialState> Active(SweepJob job) => Active(job, onlyJob: null);

    /// <inheritdoc/>
    public void Cancel(SweepJob job)
    {
        var (exit, _, error) = Run("scancel", [$"--name={JobName(job)}"]);
        if (exit != 0) throw new QatHostException($"scancel failed (exit {exit}): {FirstLine(error) ?? "no message"}");
    }

    /// <inheritdoc/>
    public string? LostTrialLog(SweepJob job, TrialSpec trial)
    {
        foreach (var (jobId, tasks) in Jobs(job).Reverse())
        {
            int index = Array.FindIndex(tasks, id => id == trial.Id);
            if (index >= 0) return Path.Combine(job.ExecutorDirectory(this), $"{jobId}_{index}.err");
        }
        return null;
    }

    /// <summary>The job name: the same for every submission of a sweep folder, so <c>squeue --name</c> finds its tasks.</summary>
    public static string JobName(SweepJob job) => "qathost-" + SweepGrid.TrialId([KeyValuePair.Create("dir", job.Directory)])[..8];

    private Dictionary<string, TrialState> Active(SweepJob job, string? onlyJob)
    {
        var active = new Dictionary<string, TrialState>(StringComparer.Ordinal);
        var jobs = Jobs(job).ToDictionary(j => j.JobId, j => j.Tasks);
        if (jobs.Count == 0) return active;
        var (exit, output, error) = Run("squeue", ["-h", "-r", $"--name={JobName(job)}", "-o", "%i|%T"]);
        if (exit != 0) throw new QatHostException($"squeue failed (exit {exit}): {FirstLine(error) ?? "no message"}");
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            var idParts = parts[0].Split('_', 2);
            if (parts.Length != 2 || idParts.Length != 2 || !jobs.TryGetValue(idParts[0], out var tasks)) continue;
            if (onlyJob is not null && idParts[0] != onlyJob) continue;
            TrialState? state = parts[1] switch
            {
                "PENDING" or "CONFIGURING" or "REQUEUED" or "RESIZING" or "SUSPENDED" => TrialState.Queued,
                "RUNNING" or "COMPLETING" or "STAGE_OUT" or "SIGNALING" => TrialState.Running,
                _ => null,
            };
            if (state is null) continue;
            foreach (int index in Indices(idParts[1]))
                if (index >= 0 && index < tasks.Length) active[tasks[index]] = state.Value;
        }
        return active;
    }

    // "4", or for a pending remainder "[5-9%2]" / "[1,3-4]".
    private static IEnumerable<int> Indices(string text)
    {
        text = text.Trim('[', ']');
        int percent = text.IndexOf('%');
        if (percent >= 0) text = text[..percent];
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (range.Length == 1 && int.TryParse(range[0], out int single)) yield return single;
            else if (range.Length == 2 && int.TryParse(range[0], out int a) && int.TryParse(range[1], out int b))
                for (int i = a; i <= b; i++) yield return i;
        }
    }

    private IEnumerable<(string JobId, string[] Tasks)> Jobs(SweepJob job)
    {
        string folder = job.ExecutorDirectory(this);
        string path = Path.Combine(folder, JobsFile);
        if (!File.Exists(path)) yield break;
        foreach (string line in File.ReadAllLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length != 2) continue;
            if (!tasksByJob.TryGetValue(parts[0], out var tasks))
            {
                string file = Path.Combine(folder, parts[1]);
                tasks = File.Exists(file) ? File.ReadAllLines(file).Select(l => l.Split('\t')[0]).ToArray() : [];
                tasksByJob[parts[0]] = tasks;
            }
            yield return (parts[0], tasks);
        }
    }

    // One array task = one trial: line N+1 of the tasks file (given as $1) is "<trial id><TAB><command>".
    private const string ArrayScript = """
        #!/bin/bash
        # Written by qathost sweep: Slurm array task N runs the trial on line N+1 of the tasks file ($1).
        line=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" "$1")
        if [ -z "$line" ]; then echo "qathost sweep: no trial for array index $SLURM_ARRAY_TASK_ID in $1" >&2; exit 1; fi
        export QATHOST_THREADS="${SLURM_CPUS_PER_TASK:-1}" OMP_NUM_THREADS="${SLURM_CPUS_PER_TASK:-1}"
        tab=$'\t'
        eval "exec ${line#*"$tab"}"

        """;

    private static string ShellCommand(IEnumerable<string> argv) => string.Join(" ", argv.Select(ShellQuote));

    private static string ShellQuote(string arg) => "'" + arg.Replace("'", "'\\''") + "'";

    private static string? FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    private static string? FindOnPath(string tool) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    private static (int Exit, string Output, string Error) Run(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(FindOnPath(tool) ?? throw new QatHostException($"{tool}: not found on PATH; the slurm executor needs the Slurm client tools."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new QatHostException($"{tool} did not answer within {CommandTimeout.TotalSeconds:F0} s; is slurmctld reachable?");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
