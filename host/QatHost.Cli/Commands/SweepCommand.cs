using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using QatHost.Cli.Rendering;
using QatHost.Cli.Sweeps;
using QatHost.Scripting.Diagnostics;
using QatHost.Sdk;
using QatHost.Sdk.Sweeps;
using Spectre.Console;

namespace QatHost.Cli.Commands;

/// <summary>
/// <c>qathost sweep FILE.csx --param bits=2,3,4,8 --param seed=1..3 [--executor local|slurm] [--jobs N] [--out DIR]</c>:
/// runs the script once per point of the grid, each trial a separate <c>qathost run</c> process, and collects what
/// the trials <c>Report</c> into <c>DIR/results.csv</c>. <c>qathost sweep status DIR</c> and
/// <c>qathost sweep collect DIR</c> look at a sweep later (e.g. one left running on Slurm).
/// </summary>
public static partial class SweepCommand
{
    /// <summary>Exit code when the sweep was stopped (Ctrl-C or SIGTERM), as shells report a SIGINT.</summary>
    public const int Stopped = ExitCodes.Interrupted;

    /// <summary>Creates the command with its subcommands.</summary>
    public static Command Create(GlobalOptions options)
    {
        var file = new Argument<string>("file") { Description = "The script to sweep (.csx); it reads parameters with Param(name, default) and reports with Report(metric, value)." };
        var param = new Option<string[]>("--param")
        {
            Description = "A parameter and its values: NAME=V1,V2,... or NAME=LOW..HIGH (integers, both ends included). Repeatable; trials are the cartesian product.",
            HelpName = "NAME=VALUES", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false,
        };
        var executor = new Option<string>("--executor") { Description = "Where trials run: local (this machine), slurm (an array job), or a plugin's executor.", HelpName = "NAME", DefaultValueFactory = _ => "local" };
        var jobs = new Option<int?>("--jobs") { Description = "Trials at once (local default: cores / --threads; slurm: the array's throttle, none by default).", HelpName = "N" };
        var threads = new Option<int>("--threads") { Description = "Torch threads per trial.", HelpName = "N", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "The sweep folder: results.csv, trials/<id>/, plots/ (default: sweeps/<script name>).", HelpName = "DIR" };
        var rerunFailed = new Option<bool>("--rerun-failed") { Description = "Run failed trials again (completed ones are always skipped)." };
        var partition = new Option<string?>("--partition") { Description = "slurm: the partition (sbatch --partition).", HelpName = "NAME" };
        var time = new Option<string?>("--time") { Description = "slurm: time limit per trial (sbatch --time), e.g. 1:00:00.", HelpName = "LIMIT" };
        var cpus = new Option<int?>("--cpus-per-task") { Description = "slurm: CPUs per trial (default --threads); torch uses this many threads.", HelpName = "N" };
        var mem = new Option<string?>("--mem") { Description = "slurm: memory per trial (sbatch --mem), e.g. 4G.", HelpName = "SIZE" };
        var onInterrupt = new Option<string>("--on-interrupt")
        {
            Description = "On Ctrl-C with trials running elsewhere (slurm): ask, cancel (scancel) or leave them running. Without a terminal, ask means leave.",
            HelpName = "ask|cancel|leave", DefaultValueFactory = _ => "ask",
        };
        onInterrupt.AcceptOnlyFromAmong("ask", "cancel", "leave");
        var extra = new Argument<string[]>("executor-args") { Description = "Arguments after -- go to the executor (slurm: to sbatch, e.g. -- --qos=high).", Arity = ArgumentArity.ZeroOrMore };

        var command = new Command("sweep", "Run a script over a grid of parameters, locally in parallel or on Slurm, and collect what it reports.")
        {
            file, extra, param, executor, jobs, threads, output, rerunFailed, partition, time, cpus, mem, onInterrupt,
            StatusCommand(options), CollectCommand(options), TrialCommand(),
        };
        command.SetAction(parsed =>
        {
            if (OptionsBeforeDoubleDash(parsed) is { Count: > 0 } unknown)
            {
                new DiagnosticRenderer(verbose: false).CommandLineErrors(unknown);
                return ExitCodes.BadCommandLine;
            }
            var executorOptions = new Dictionary<string, string>(StringComparer.Ordinal);
            if (parsed.GetValue(partition) is { } p) executorOptions["partition"] = p;
            if (parsed.GetValue(time) is { } t) executorOptions["time"] = t;
            if (parsed.GetValue(cpus) is { } c) executorOptions["cpus-per-task"] = c.ToString(CultureInfo.InvariantCulture);
            if (parsed.GetValue(mem) is { } m) executorOptions["mem"] = m;
            var request = new SweepRequest(parsed.GetValue(file)!, parsed.GetValue(param) ?? [], parsed.GetValue(executor)!,
                parsed.GetValue(jobs), parsed.GetValue(threads), parsed.GetValue(output), parsed.GetValue(rerunFailed),
                executorOptions, parsed.GetValue(extra) ?? [], parsed.GetValue(onInterrupt)!);
            return Sweep(parsed, options, request);
        });
        return command;
    }

    private sealed record SweepRequest(string File, IReadOnlyList<string> Params, string Executor, int? Jobs, int Threads,
        string? Out, bool RerunFailed, IReadOnlyDictionary<string, string> ExecutorOptions, IReadOnlyList<string> ExtraArguments,
        string OnInterrupt);

    private static int Sweep(ParseResult parsed, GlobalOptions options, SweepRequest request)
    {
        bool verbose = parsed.GetValue(options.Verbose);
        string directory;
        SweepDefinition definition;
        ISweepExecutor executor;
        SweepJob job;
        IReadOnlyList<TrialSpec> trials;
        var toRun = new List<TrialSpec>();
        try
        {
            // Everything is checked before anything is written.
            var grid = SweepGrid.Parse(request.Params);
            if (request.Threads < 1) throw new QatHostException($"--threads {request.Threads}: expected a positive number.");
            if (request.Jobs is < 1) throw new QatHostException($"--jobs {request.Jobs}: expected a positive number.");
            string script = Path.GetFullPath(request.File);
            if (!File.Exists(script)) throw new QatHostException($"{request.File}: script file not found.");
            CheckScriptReads(request.File, script, grid);
            executor = ResolveExecutor(request.Executor, parsed, options);
            foreach (string option in request.ExecutorOptions.Keys.Where(k => !executor.OptionNames.Contains(k)))
                throw new QatHostException($"--{option}: the {executor.Name} executor does not take this option" +
                    (executor.OptionNames.Count > 0 ? $" (it takes {string.Join(", ", executor.OptionNames.Select(o => "--" + o))})." : "."));
            directory = Path.GetFullPath(request.Out ?? Path.Combine("sweeps", Path.GetFileNameWithoutExtension(script)));
            definition = new SweepDefinition(script, Environment.CurrentDirectory, grid, HostArguments(parsed, options), request.Threads, executor.Name);
            CheckCompatible(request.Out ?? DiagnosticRenderer.DisplayPath(directory), directory, definition);
            trials = definition.Trials(directory);
            foreach (var trial in trials)
            {
                var previous = TrialResult.TryRead(trial.Directory);
                if (previous is null || (previous.State == TrialState.Failed && request.RerunFailed)) toRun.Add(trial);
            }
            job = Job(directory, definition, toRun, request.Jobs, request.ExecutorOptions, request.ExtraArguments);
            executor.Check(job);
            CheckWritable(request.Out ?? DiagnosticRenderer.DisplayPath(directory), directory);
        }
        catch (QatHostException e)
        {
            Error(e.Message);
            return ExitCodes.BadCommandLine;
        }

        definition.Write(directory);
        foreach (var trial in toRun.Where(t => Directory.Exists(t.Directory)))
            File.Delete(Path.Combine(trial.Directory, TrialResult.FileName)); // failed ones, run again
        var monitor = new SweepMonitor(trials, executor, job);
        var progress = new SweepProgress(toRun.Count);
        int parallel = job.MaxParallel ?? (executor is LocalExecutor ? LocalExecutor.DefaultParallel(job.ThreadsPerTrial) : toRun.Count);
        progress.Note($"sweep {Path.GetFileName(definition.Script)}: {trials.Count} trials, {toRun.Count} to run" +
            (trials.Count > toRun.Count ? $" ({trials.Count - toRun.Count} done before)" : "") +
            $", {executor.Name}{(executor is LocalExecutor ? $", {parallel} at once" : "")} -> {DiagnosticRenderer.DisplayPath(directory)}");

        bool stopped;
        string? failure = null;
        using (var stop = CtrlC.ForSweep(executor.TrialsOutliveHost
            ? "stopping: no more waiting (Ctrl-C again to quit now)"
            : "stopping: ending the running trials; finished results are kept (Ctrl-C again to quit now)"))
        {
            var run = toRun.Count == 0 ? Task.CompletedTask : Task.Run(() => executor.RunAsync(job, stop.Token));
            var rows = monitor.Poll().Rows;
            try
            {
                while (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(500))
                {
                    var (current, ended) = monitor.Poll();
                    progress.Update(current, ended);
                    if (ended.Count > 0) SweepResults.WriteCsv(directory, definition.Grid, current);
                }
                run.GetAwaiter().GetResult();
            }
            catch (QatHostException e) { failure = e.Message; }
            stopped = stop.Requested;
            if (!stopped && failure is null && executor.TrialsOutliveHost) RecordLost(executor, job, monitor);
            var (final, last) = monitor.Poll();
            progress.Update(final, last);
            progress.ClearStatus();
            rows = final;
            if (stopped && executor.TrialsOutliveHost && rows.Any(r => r.State is TrialState.Queued or TrialState.Running))
                rows = DecideOnInterrupt(executor, job, monitor, progress, request.OnInterrupt, directory);
            Finish(directory, definition, rows, progress, verbose);
        }
        if (failure is not null)
        {
            Error(failure);
            return ExitCodes.ScriptError;
        }
        if (stopped) return Stopped;
        return monitor.Poll().Rows.Any(r => r.State != TrialState.Completed) ? ExitCodes.ScriptError : ExitCodes.Success;
    }

    private static IReadOnlyList<TrialRow> DecideOnInterrupt(ISweepExecutor executor, SweepJob job, SweepMonitor monitor,
        SweepProgress progress, string choice, string directory)
    {
        int active = monitor.Poll().Rows.Count(r => r.State is TrialState.Queued or TrialState.Running);
        if (choice == "ask")
        {
            if (Console.IsInputRedirected)
            {
                progress.Note("no terminal to ask whether to cancel; leaving the trials running (use --on-interrupt cancel|leave to decide).");
                choice = "leave";
            }
            else
            {
                Console.Error.Write($"Cancel the {active} trial(s) still queued or running on {executor.Name}? [y/N] ");
                choice = Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes" ? "cancel" : "leave";
            }
        }
        if (choice == "leave")
        {
            progress.Note($"left {active} trial(s) queued or running on {executor.Name}; later: qathost sweep status {DiagnosticRenderer.DisplayPath(directory)}, " +
                $"qathost sweep collect {DiagnosticRenderer.DisplayPath(directory)}");
            return monitor.Poll().Rows;
        }
        executor.Cancel(job);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        IReadOnlyList<TrialRow> rows;
        while ((rows = monitor.Poll().Rows).Any(r => r.State is TrialState.Queued or TrialState.Running) && DateTime.UtcNow < deadline)
            Thread.Sleep(500);
        progress.Note($"cancelled the trials on {executor.Name}; they run again the next time the sweep runs.");
        return rows;
    }

    // A batch scheduler's trial that is neither listed nor has a result after the job ended was killed (time or memory
    // limit, node failure): record it as failed, with the tail of the scheduler's log for it.
    private static void RecordLost(ISweepExecutor executor, SweepJob job, SweepMonitor monitor)
    {
        var rows = monitor.Poll().Rows;
        foreach (var trial in job.Trials)
        {
            if (rows.First(r => r.Trial.Id == trial.Id).State != TrialState.Pending) continue;
            string? log = executor.LostTrialLog(job, trial);
            string tail = (log is null ? null : TrialRunner.Tail(log, 12)) ?? "";
            new TrialResult(trial.Id, TrialState.Failed, null, double.NaN, [],
                $"{executor.Name} ended the trial without a result{(log is null ? "" : $" (log: {log})")}" + (tail.Length > 0 ? "\n" + tail : "")).Write(trial.Directory);
        }
    }

    private static void Finish(string directory, SweepDefinition definition, IReadOnlyList<TrialRow> rows, SweepProgress progress, bool verbose)
    {
        SweepResults.WriteCsv(directory, definition.Grid, rows);
        IReadOnlyList<string> plots = [];
        try { plots = SweepResults.WritePlots(directory, definition.Grid, rows); }
        catch (QatHostException e) { progress.Note($"plots: {e.Message}"); }
        RenderSummary(definition.Grid, rows);
        var failed = rows.Where(r => r.State == TrialState.Failed).ToList();
        int pending = rows.Count(r => r.State is TrialState.Pending), active = rows.Count(r => r.State is TrialState.Queued or TrialState.Running);
        progress.Note($"{rows.Count(r => r.State == TrialState.Completed)} completed, {failed.Count} failed, {active} queued or running, {pending} not run; " +
            $"results: {DiagnosticRenderer.DisplayPath(Path.Combine(directory, SweepResults.CsvName))}" +
            (plots.Count > 0 ? $"; plots: {string.Join(", ", plots.Select(DiagnosticRenderer.DisplayPath))}" : ""));
        if (failed.Count > 0)
            progress.Note($"failed: {string.Join(", ", failed.Select(f => $"{f.Trial.Id} ({f.Trial.Describe()})"))}; output in " +
                $"{DiagnosticRenderer.DisplayPath(Path.Combine(directory, "trials"))}/<id>/stderr.txt; --rerun-failed runs them again");
    }

    /// <summary>The end table on standard output: mean ± std over <c>seed</c> when there is one, else each trial.</summary>
    private static void RenderSummary(SweepGrid grid, IReadOnlyList<TrialRow> rows)
    {
        var metrics = SweepResults.MetricNames(rows);
        var summary = SweepResults.Summary(grid, rows);
        bool seeds = grid.Parameters.Any(p => p.Key == SweepResults.SeedParameter);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (name, _) in grid.Parameters.Where(p => p.Key != SweepResults.SeedParameter)) table.AddColumn(Markup.Escape(name));
        table.AddColumn(seeds ? "seeds" : "status");
        foreach (string metric in metrics) table.AddColumn(new TableColumn(Markup.Escape(seeds ? $"{metric} (mean ± std)" : metric)).RightAligned());
        foreach (var row in summary)
        {
            var cells = row.Parameters.Select(p => Markup.Escape(p.Value)).ToList();
            cells.Add(seeds ? $"{row.Completed}/{row.Total}" : row.Completed == 1 ? "completed" : "[red]not completed[/]");
            foreach (string metric in metrics)
                cells.Add(row.Metrics.TryGetValue(metric, out var s)
                    ? seeds && s.N > 1 ? $"{SweepResults.Format(s.Mean)} ± {SweepResults.Format(s.Std)}" : SweepResults.Format(s.Mean)
                    : "—");
            table.AddRow(cells.ToArray());
        }
        Terminal.Out.Write(table);
    }

    private static SweepJob Job(string directory, SweepDefinition definition, IReadOnlyList<TrialSpec> trials, int? jobs,
        IReadOnlyDictionary<string, string> options, IReadOnlyList<string> extra) =>
        new(directory, definition.WorkingDirectory, trials,
            trial => [.. QatHostCommand.Prefix, "sweep", "trial", directory, trial.Id],
            definition.ThreadsPerTrial, jobs, options, extra,
            (trial, stop) => TrialRunner.RunAsync(definition, trial, definition.ThreadsPerTrial, stop));

    private static ISweepExecutor ResolveExecutor(string name, ParseResult parsed, GlobalOptions options)
    {
        if (name == "local") return new LocalExecutor();
        if (name == "slurm") return new SlurmExecutor();
        var plugins = PluginExecutors(parsed, options);
        return plugins.FirstOrDefault(e => e.Name == name) ?? throw new QatHostException(
            $"--executor {name}: no such executor; available: {string.Join(", ", new[] { "local", "slurm" }.Concat(plugins.Select(e => e.Name)))}.");
    }

    // Plugin executors: public, non-abstract ISweepExecutor classes with a parameterless constructor.
    private static List<ISweepExecutor> PluginExecutors(ParseResult parsed, GlobalOptions options)
    {
        if (HostSession.Open(parsed, options) is not { } session) return [];
        return session.Plugins.Loaded.SelectMany(p => p.Assembly.GetExportedTypes())
            .Where(t => typeof(ISweepExecutor).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ISweepExecutor)Activator.CreateInstance(t)!).ToList();
    }

    // Global options the trials must see too: plugin folders (absolute) and the seed.
    private static List<string> HostArguments(ParseResult parsed, GlobalOptions options)
    {
        var args = new List<string>();
        foreach (string folder in parsed.GetValue(options.Plugins) ?? [])
        {
            if (!Directory.Exists(folder)) throw new QatHostException($"--plugins {folder}: folder does not exist.");
            args.AddRange(["--plugins", Path.GetFullPath(folder)]);
        }
        if (parsed.GetValue(options.Seed) is { } seed) args.AddRange(["--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        return args;
    }

    // A swept name the script never mentions is a typo: say so before running a single trial. (Each trial also fails
    // at its end on a parameter the script did not read, in case the name appears but is not read.)
    private static void CheckScriptReads(string shown, string script, SweepGrid grid)
    {
        var texts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string path)
        {
            if (!seen.Add(path) || !File.Exists(path)) return;
            string text = File.ReadAllText(path);
            texts.Add(text);
            foreach (Match load in LoadDirective().Matches(text)) Add(Path.GetFullPath(load.Groups[1].Value, Path.GetDirectoryName(path)!));
        }
        Add(script);
        var reads = texts.SelectMany(t => ParamCall().Matches(t).Select(m => m.Groups[1].Value)).Distinct().ToList();
        foreach (var (name, _) in grid.Parameters)
            if (!reads.Contains(name) && !texts.Any(t => t.Contains($"\"{name}\"", StringComparison.Ordinal)))
                throw new QatHostException($"--param {name}: {shown} never reads a parameter \"{name}\" " +
                    $"(it reads {(reads.Count == 0 ? "none" : string.Join(", ", reads))}); check the name against its Param(\"...\") calls.");
    }

    private static void CheckCompatible(string shown, string directory, SweepDefinition definition)
    {
        if (File.Exists(directory)) throw new QatHostException($"--out {shown}: is a file, not a folder.");
        if (SweepDefinition.TryRead(directory) is not { } existing) return;
        if (existing.Script != definition.Script)
            throw new QatHostException($"--out {shown}: holds a sweep of {existing.Script}; give another --out folder for {definition.Script}.");
        var before = existing.Grid.Parameters.Select(p => p.Key).ToList();
        var now = definition.Grid.Parameters.Select(p => p.Key).ToList();
        if (!before.Order(StringComparer.Ordinal).SequenceEqual(now.Order(StringComparer.Ordinal)))
            throw new QatHostException($"--out {shown}: holds a sweep over {string.Join(", ", before)}; this one is over {string.Join(", ", now)}; give another --out folder.");
    }

    private static void CheckWritable(string shown, string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QatHostException($"--out {shown}: cannot write there ({e.Message}).");
        }
    }

    private static Command StatusCommand(GlobalOptions options)
    {
        var dir = new Argument<string>("dir") { Description = "The sweep folder (--out of qathost sweep)." };
        var command = new Command("status", "Show where each trial of a sweep stands (from the result files and the executor, e.g. squeue).") { dir };
        command.SetAction(parsed => Look(parsed, options, parsed.GetValue(dir)!, collect: false));
        return command;
    }

    private static Command CollectCommand(GlobalOptions options)
    {
        var dir = new Argument<string>("dir") { Description = "The sweep folder (--out of qathost sweep)." };
        var command = new Command("collect", "Write results.csv and the plots of a sweep from its trial folders, and show the summary table.") { dir };
        command.SetAction(parsed => Look(parsed, options, parsed.GetValue(dir)!, collect: true));
        return command;
    }

    private static int Look(ParseResult parsed, GlobalOptions options, string dir, bool collect)
    {
        try
        {
            string directory = Path.GetFullPath(dir);
            var definition = SweepDefinition.Read(directory);
            var executor = ResolveExecutor(definition.Executor, parsed, options);
            var trials = definition.Trials(directory);
            var job = Job(directory, definition, [], null, new Dictionary<string, string>(), []);
            var rows = new SweepMonitor(trials, executor, job).Poll().Rows;
            var progress = new SweepProgress(0);
            if (collect)
            {
                Finish(directory, definition, rows, progress, parsed.GetValue(options.Verbose));
                return ExitCodes.Success;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("id");
            foreach (var (name, _) in definition.Grid.Parameters) table.AddColumn(Markup.Escape(name));
            var metrics = SweepResults.MetricNames(rows);
            table.AddColumn("status");
            foreach (string metric in metrics) table.AddColumn(new TableColumn(Markup.Escape(metric)).RightAligned());
            foreach (var row in rows)
            {
                var values = row.Result?.Metrics.ToDictionary(m => m.Key, m => m.Value) ?? [];
                table.AddRow([row.Trial.Id, .. row.Trial.Parameters.Select(p => Markup.Escape(p.Value)), StateMarkup(row.State),
                    .. metrics.Select(m => values.TryGetValue(m, out double v) ? SweepResults.Format(v) : "")]);
            }
            Terminal.Out.Write(table);
            Terminal.Out.WriteLine(string.Join(", ", Enum.GetValues<TrialState>().Select(s => $"{rows.Count(r => r.State == s)} {s.ToString().ToLowerInvariant()}")), Style.Plain);
            foreach (var row in rows.Where(r => r.State == TrialState.Failed))
                foreach (string line in (row.Result?.ErrorTail ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(6))
                    Terminal.Out.WriteLine($"    {row.Trial.Id} | {line}", Style.Plain);
            return ExitCodes.Success;
        }
        catch (QatHostException e)
        {
            Error(e.Message);
            return ExitCodes.BadCommandLine;
        }
    }

    private static string StateMarkup(TrialState state) => state switch
    {
        TrialState.Completed => "[green]completed[/]",
        TrialState.Failed => "[red]failed[/]",
        TrialState.Running => "[blue]running[/]",
        _ => state.ToString().ToLowerInvariant(),
    };

    // qathost sweep trial DIR ID: what each executor runs for one trial (hidden from help).
    private static Command TrialCommand()
    {
        var dir = new Argument<string>("dir");
        var id = new Argument<string>("id");
        var command = new Command("trial", "Run one trial of a sweep and record its result (what executors run).") { dir, id };
        command.Hidden = true;
        command.SetAction(parsed =>
        {
            try
            {
                string directory = Path.GetFullPath(parsed.GetValue(dir)!);
                var definition = SweepDefinition.Read(directory);
                string trialId = parsed.GetValue(id)!;
                var trial = definition.Trials(directory).FirstOrDefault(t => t.Id == trialId)
                    ?? throw new QatHostException($"{trialId}: no such trial in {directory}.");
                using var stop = CtrlC.ForSweep(null);
                var result = TrialRunner.RunAsync(definition, trial, threads: null, stop.Token).GetAwaiter().GetResult();
                return result is null ? Stopped : ExitCodes.Success;
            }
            catch (QatHostException e)
            {
                Error(e.Message);
                return ExitCodes.BadCommandLine;
            }
        });
        return command;
    }

    private static void Error(string message) =>
        new DiagnosticRenderer(verbose: false).Render(new ScriptDiagnostic(Severity.Error, message, Subject: "qathost sweep"));

    // As under run: an unknown "--x" before "--" would otherwise be taken as an executor argument.
    private static List<string> OptionsBeforeDoubleDash(ParseResult parsed) => parsed.Tokens
        .SkipWhile(t => t.Type != TokenType.Command || t.Value != "sweep").Skip(2)
        .TakeWhile(t => t.Type != TokenType.DoubleDash)
        .Where(t => t.Type == TokenType.Argument && t.Value.StartsWith('-'))
        .Select(t => $"Unrecognized option '{t.Value}' (arguments for the executor go after --).")
        .ToList();

    [GeneratedRegex(@"\bParam\s*(?:<[^>()]*>)?\s*\(\s*""([^""]+)""")]
    private static partial Regex ParamCall();

    [GeneratedRegex(@"^\s*#load\s+""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex LoadDirective();
}
