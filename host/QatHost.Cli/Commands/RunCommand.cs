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
        var param = ParamOption.Create();
        var command = new Command("run", "Compile and run a C# script.") { file, scriptArgs, param };
        command.SetAction(parsed =>
        {
            if (OptionsBeforeDoubleDash(parsed) is { Count: > 0 } unknown)
            {
                new DiagnosticRenderer(verbose: false).CommandLineErrors(unknown);
                return ExitCodes.BadCommandLine;
            }
            if (ParamOption.Parse(parsed, param) is not { } parameters) return ExitCodes.BadCommandLine;
            return HostSession.Open(parsed, options) is { } session
                ? Run(session, parsed.GetValue(file)!, parsed.GetValue(scriptArgs) ?? [], parameters)
                : ExitCodes.BadCommandLine;
        });
        return command;
    }

    private static int Run(HostSession session, string file, IReadOnlyList<string> args, ScriptParameters parameters)
    {
        session.Diagnostics.Render(session.PluginErrors);
        int pluginExit = session.Plugins.Failures.Count > 0 ? ExitCodes.ScriptError : ExitCodes.Success;

        var clock = Stopwatch.StartNew();
        var compiled = new ScriptCompiler(session.Environment, session.Cache).Compile(file);
        session.Diagnostics.Render(compiled.Diagnostics);
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
        var progress = new TrainingProgressRenderer();
        using (var interrupt = new CtrlC())
        using (TrainingHost.Use(progress, interrupt.Token))
            run = new ScriptRunner(session.Environment).Run(compiled.Script, new ScriptGlobals(args, session.Results.ScriptOutput, parameters));
        progress.ClearStatus();
        session.Results.Verbose($"ran {file} ({clock.ElapsedMilliseconds} ms)");
        if (run.Error is null) return ParamOption.CheckAllRead(parameters) ?? pluginExit;
        session.Diagnostics.Render(run.Error);
        return ExitCodes.ScriptError;
    }

    private static ScriptDiagnostic MissingPluginNote(HostSession session) => new(Severity.Note,
        $"{session.Plugins.Failures.Count} plugin(s) failed to load (see above); names they provide are not " +
        $"available: {string.Join(", ", session.Plugins.Failures.Select(f => DiagnosticRenderer.DisplayPath(f.Path)))}");

    // The parser takes an unknown "--x" after the file as a script argument; only what follows "--" is.
    private static List<string> OptionsBeforeDoubleDash(ParseResult parsed) => parsed.Tokens
        .SkipWhile(t => t.Type != TokenType.Command || t.Value != "run").Skip(2)
        .TakeWhile(t => t.Type != TokenType.DoubleDash)
        .Where(t => t.Type == TokenType.Argument && t.Value.StartsWith('-'))
        .Select(t => $"Unrecognized option '{t.Value}' (script arguments go after --).")
        .ToList();
}
