using System.Diagnostics;
using QatHost.Scripting;
using QatHost.Sdk;
using QatHost.Sdk.Sweeps;

namespace QatHost.Cli.Sweeps;

/// <summary>
/// Runs one trial as a separate <c>qathost run SCRIPT --param name=value ...</c> process: output to the trial
/// folder's <c>stdout.txt</c>/<c>stderr.txt</c>, reported metrics to <c>metrics.json</c>, and at the end its
/// <c>result.json</c> (written last, atomically). A stopped trial leaves no result, so it runs again next time.
/// </summary>
public static class TrialRunner
{
    private const int ErrorTailLines = 12;

    /// <summary>Runs <paramref name="trial"/> of <paramref name="sweep"/> with torch limited to <paramref name="threads"/>
    /// threads (null: leave <c>QATHOST_THREADS</c> as the environment has it). Returns null when
    /// <paramref name="stop"/> ended it.</summary>
    public static async Task<TrialResult?> RunAsync(SweepDefinition sweep, TrialSpec trial, int? threads, CancellationToken stop)
    {
        Directory.CreateDirectory(trial.Directory);
        foreach (string old in new[] { TrialResult.FileName, TrialResult.MetricsFileName })
            File.Delete(Path.Combine(trial.Directory, old));

        var start = new ProcessStartInfo(QatHostCommand.Prefix[0])
        {
            WorkingDirectory = sweep.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in QatHostCommand.Prefix.Skip(1).Concat(sweep.HostArguments).Concat(["run", sweep.Script]))
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in trial.Parameters)
        {
            start.ArgumentList.Add("--param");
            start.ArgumentList.Add($"{name}={value}");
        }
        start.Environment[ScriptParameters.ReportFileVariable] = Path.Combine(trial.Directory, TrialResult.MetricsFileName);
        start.Environment["QATHOST_TRIAL_ID"] = trial.Id;
        start.Environment["QATHOST_TRIAL_DIR"] = trial.Directory;
        if (threads is { } n)
        {
            start.Environment[TrialThreads.Variable] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["OMP_NUM_THREADS"] = start.Environment[TrialThreads.Variable];
        }

        string stdoutPath = Path.Combine(trial.Directory, TrialResult.StdoutFileName);
        string stderrPath = Path.Combine(trial.Directory, TrialResult.StderrFileName);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new QatHostException($"{QatHostCommand.Prefix[0]}: could not start a trial process.");
        process.StandardInput.Close();
        Task copyOut, copyErr;
        await using (var stdout = File.Create(stdoutPath))
        await using (var stderr = File.Create(stderrPath))
        {
            copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None);
            copyErr = process.StandardError.BaseStream.CopyToAsync(stderr, CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
            await Task.WhenAll(copyOut, copyErr);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        // A trial that ended because the sweep was stopped (killed, or stopped early by the same Ctrl-C) has no result.
        if (stop.IsCancellationRequested) return null;

        int exit = process.ExitCode;
        var metrics = TrialResult.ReadMetrics(Path.Combine(trial.Directory, TrialResult.MetricsFileName));
        var result = new TrialResult(trial.Id, exit == 0 ? TrialState.Completed : TrialState.Failed, exit, seconds, metrics,
            exit == 0 ? null : Tail(stderrPath, ErrorTailLines));
        result.Write(trial.Directory);
        return result;
    }

    /// <summary>The last <paramref name="lines"/> non-empty lines of a text file, or null when it is missing or empty.</summary>
    public static string? Tail(string path, int lines)
    {
        if (!File.Exists(path)) return null;
        var tail = File.ReadLines(path).Where(l => l.Trim().Length > 0).TakeLast(lines).ToList();
        return tail.Count == 0 ? null : string.Join("\n", tail);
    }
}
