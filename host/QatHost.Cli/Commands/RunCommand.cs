using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using QatHost.Cli.Rendering;
using QatHost.Scripting;

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
        command.SetAction(parsed => OptionsBeforeDoubleDash(parsed) is { Count: > 0 } unknown
            ? CommandLineError(unknown)
            : Run(HostSession.Open(parsed, options), parsed.GetValue(file)!, parsed.GetValue(scriptArgs) ?? []));
        return command;
    }

    // The parser takes an unknown "--x" after the file as a script argument; only what follows "--" is.
    private static List<string> OptionsBeforeDoubleDash(ParseResult parsed) => parsed.Tokens
        .SkipWhile(t => t.Type != TokenType.Command || t.Value != "run").Skip(2)
        .TakeWhile(t => t.Type != TokenType.DoubleDash)
        .Where(t => t.Type == TokenType.Argument && t.Value.StartsWith('-'))
        .Select(t => $"Unrecognized option '{t.Value}' (script arguments go after --).")
        .ToList();

    private static int CommandLineError(IEnumerable<string> messages)
    {
        new DiagnosticRenderer(verbose: false).CommandLineErrors(messages);
        return ExitCodes.BadCommandLine;
    }

    private static int Run(HostSession session, string file, IReadOnlyList<string> args)
    {
        var results = new ResultRenderer(session.Verbose);
        var clock = Stopwatch.StartNew();
        var compiled = new ScriptCompiler(session.Environment, session.Cache).Compile(file);
        session.Diagnostics.Render(compiled.Diagnostics);
        if (compiled.Script is null) return ExitCodes.ScriptError;
        results.Verbose(compiled.FromCache
            ? $"compilation cache hit ({clock.ElapsedMilliseconds} ms): {session.Cache!.Directory}"
            : $"compiled {file} ({clock.ElapsedMilliseconds} ms)");

        clock.Restart();
        var run = new ScriptRunner(session.Environment).Run(compiled.Script, new ScriptGlobals(args, results.ScriptOutput));
        results.Verbose($"ran {file} ({clock.ElapsedMilliseconds} ms)");
        if (run.Error is null) return ExitCodes.Success;
        session.Diagnostics.Render(run.Error);
        return ExitCodes.ScriptError;
    }
}
