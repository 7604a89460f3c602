using System.CommandLine;
using QatHost.Cli.Input;
using QatHost.Cli.Rendering;
using QatHost.Scripting;
using QatHost.Scripting.Diagnostics;
using QatHost.Sdk.Training;

namespace QatHost.Cli.Commands;

/// <summary><c>qathost repl</c>: an interactive C# session with the same globals, imports and plugins as
/// scripts. On a terminal lines come from a line editor with history; when standard input or output is
/// redirected they are plain lines, so sessions can be piped in.</summary>
public static class ReplCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("repl", "Start an interactive C# session (pipe input to script it).");
        command.SetAction(parsed => HostSession.Open(parsed, options) is { } session ? Run(session) : ExitCodes.BadCommandLine);
        return command;
    }

    private static int Run(HostSession session)
    {
        bool interactive = !Console.IsInputRedirected;
        var view = new ReplRenderer(interactive);
        session.Diagnostics.Render(session.PluginErrors);
        using var repl = new ReplSession(session.Environment, new ScriptGlobals([], session.Results.ScriptOutput),
            Environment.CurrentDirectory);
        var diagnostics = new DiagnosticRenderer(session.Verbose, repl.SourceLine);
        bool failed = session.Plugins.Failures.Count > 0, interrupted = false;
        view.Banner();

        using ILineReader reader = interactive && !Console.IsOutputRedirected
            ? new TerminalLineReader(view, new InputHistory(InputHistory.DefaultPath()))
            : new PipedLineReader(view);
        var buffer = new System.Text.StringBuilder();
        while (true)
        {
            var input = reader.Read(continuing: buffer.Length > 0);
            if (input.IsCancelled)
            {
                buffer.Clear();
                continue;
            }
            string? line = input.Text;
            // Piped, end of input still runs what is pending; at a terminal Ctrl-D just leaves.
            if (line is null && (buffer.Length == 0 || interactive)) break;
            buffer.Append(line).Append('\n');
            if (line is not null && !ReplSession.IsComplete(buffer.ToString())) continue;

            var outcome = Evaluate(repl, buffer.ToString(), out bool stopped);
            buffer.Clear();
            diagnostics.Render(stopped ? outcome.Diagnostics.Select(d => d with { Severity = Severity.Note }) : outcome.Diagnostics);
            interrupted |= stopped;
            failed |= outcome.Kind == ReplOutcomeKind.Failed && !stopped;
            if (outcome.Kind == ReplOutcomeKind.Plugins) PluginRenderer.Render(session.Plugins, session.PluginSources);
            else view.Outcome(outcome);
            if (outcome.Kind == ReplOutcomeKind.Quit || line is null) break;
        }
        // A piped session is a script: report whether every submission worked.
        return interactive ? ExitCodes.Success
            : failed ? ExitCodes.ScriptError
            : interrupted ? ExitCodes.Interrupted
            : ExitCodes.Success;
    }

    // Ctrl-C while a submission runs stops it (Train after its current batch) and the session goes on with
    // its variables; Train shows progress as under run. Stopped: the submission ended because of Ctrl-C.
    private static ReplOutcome Evaluate(ReplSession repl, string submission, out bool stopped)
    {
        var progress = new TrainingProgressRenderer();
        using var interrupt = CtrlC.ForSubmission();
        ReplOutcome outcome;
        using (TrainingHost.Use(progress, interrupt.Token))
            outcome = repl.Evaluate(submission);
        progress.ClearStatus();
        stopped = interrupt.Requested && outcome.Kind == ReplOutcomeKind.Failed && outcome.Cancelled;
        return outcome;
    }
}
