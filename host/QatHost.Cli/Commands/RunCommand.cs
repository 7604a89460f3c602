using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using QatHost.Cli.Rendering;
using QatHost.Scripting;
using QatHost.Scripting.Diagnostics;
using QatHost.Sdk.Training;

namespace QatHost.Cli.Commands;

/// <summary><c>qathost run FILE.csx [-- args]</c>: compile (or take from the cache) and run a script.</summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(GlobalOptions options)
    {
        var file = new Argument<string>("file") { Description = "The script to run (.csx)." };
        var scriptArgs = new Argument<string[]>("args")
        {
            Description = "Arguments for the script, after --; the script reads them as Args.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("run", "Compile and run a C# script.") { file, scriptArgs };
        command.SetAction(parsed =>
        {
            if (OptionsBeforeDoubleDash(parsed, scriptArgs) is { Count: > 0 } unknown)
            {
                new DiagnosticRenderer(verbose: false).CommandLineErrors(unknown);
                return ExitCodes.BadCommandLine;
            }
            string path = parsed.GetValue(file)!;
            if (path.StartsWith('-') && !File.Exists(path))
            {
                new DiagnosticRenderer(verbose: false).CommandLineErrors([$"Unrecognized option '{path}' (options of run are --plugins, --seed and --verbose)."]);
                return ExitCodes.BadCommandLine;
            }
            if (UnusableScriptPath(path) is { } problem)
            {
                new DiagnosticRenderer(verbose: false).Render(new ScriptDiagnostic(Severity.Error, problem, Subject: path));
                return ExitCodes.BadCommandLine;
            }
            return HostSession.Open(parsed, options) is { } session
                ? Run(session, path, parsed.GetValue(scriptArgs) ?? [])
                : ExitCodes.BadCommandLine;
        });
        return command;
    }

    private static int Run(HostSession session, string file, IReadOnlyList<string> args)
    {
        session.Diagnostics.Render(session.PluginErrors);
        int pluginExit = session.Plugins.Failures.Count > 0 ? ExitCodes.ScriptError : ExitCodes.Success;

        var clock = Stopwatch.StartNew();
        var compiled = new ScriptCompiler(session.Environment, session.Cache).Compile(file);
        session.Diagnostics.Render(compiled.Diagnostics, MaxDiagnostics);
        if (compiled.IsEmpty) return pluginExit;
        if (compiled.Script is null)
        {
            if (session.Plugins.Failures.Count > 0) session.Diagnostics.Render(MissingPluginNote(session));
            return ExitCodes.ScriptError;
        }
        session.Results.Verbose(compiled.FromCache
            ? $"compilation cache hit ({clock.ElapsedMilliseconds} ms): {session.Cache!.Directory}"
            : $"compiled {file} ({clock.ElapsedMilliseconds} ms)");

        clock.Restart();
        ScriptRunResult run;
        bool stopRequested;
        var progress = new TrainingProgressRenderer();
        using (var interrupt = CtrlC.ForRun())
        {
            using (TrainingHost.Use(progress, interrupt.Token))
                run = new ScriptRunner(session.Environment).Run(compiled.Script, new ScriptGlobals(args, session.Results.ScriptOutput));
            stopRequested = interrupt.Requested;
        }
        progress.ClearStatus();
        session.Results.Verbose($"ran {file} ({clock.ElapsedMilliseconds} ms)");
        // A requested stop is not a script error: the user or a scheduler asked for it and the checkpoint is intact.
        bool stopped = stopRequested && (run.Error is null || run.Cancelled);
        if (run.Error is not null) session.Diagnostics.Render(stopped ? run.Error with { Severity = Severity.Note } : run.Error);
        if (stopped) return ExitCodes.Interrupted;
        return run.Error is null ? pluginExit : ExitCodes.ScriptError;
    }

    // A binary file or a broken paste can give hundreds of errors; the first ones say what is wrong.
    private const int MaxDiagnostics = 20;

    // A path that cannot be a script is a command-line mistake (exit 2), not a script error.
    private static string? UnusableScriptPath(string path) =>
        Directory.Exists(path) ? "is a directory, not a script file (name the .csx file to run)"
        : !File.Exists(path) ? "script file not found"
        : null;

    private static ScriptDiagnostic MissingPluginNote(HostSession session) => new(Severity.Note,
        $"{session.Plugins.Failures.Count} plugin(s) failed to load (see above); names they provide are not " +
        $"available: {string.Join(", ", session.Plugins.Failures.Select(f => DiagnosticRenderer.DisplayPath(f.Path)))}");

    // The parser takes an unknown "--x" after the file as a script argument; only what follows "--" is.
    // Script arguments the parser found before "--" are the ones it did not recognise; option values such as
    // the -5 of "--seed -5" are not among them.
    private static List<string> OptionsBeforeDoubleDash(ParseResult parsed, Argument<string[]> scriptArgs)
    {
        var tokens = parsed.GetResult(scriptArgs)?.Tokens ?? [];
        int afterDoubleDash = parsed.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Skip(1).Count();
        return tokens.Take(Math.Max(0, tokens.Count - afterDoubleDash))
            .Where(t => t.Value.StartsWith('-'))
            .Select(t => $"Unrecognized option '{t.Value}' (script arguments go after --).")
            .ToList();
    }
}
