using QatHost.Scripting;
using Spectre.Console;

namespace QatHost.Cli.Rendering;

/// <summary>What the REPL shows: prompts (on a terminal only), values, help, and the reset notice.</summary>
public sealed class ReplRenderer(bool interactive)
{
    /// <summary>The commands <c>#help</c> lists.</summary>
    public const string Help = """
        Enter C# statements or expressions; an expression without a semicolon prints its value.
        An unfinished statement (open brace, missing semicolon after a declaration) continues on the next line.
        Everything scripts have is here: Sequential(...), LinearTorch(...), LIFTorch(...), torch.*, Print(...), plugins.
          #load "file.csx"   run a script file in this session (path relative to the working directory)
          #save file.csx     write the submissions that worked as a script (qathost run file.csx replays them)
          #plugins           list the loaded plugins and what they provide
          #reset             drop every variable and function, and free their memory
          #help              show this help
          #quit              leave (end of input does too)
        On a terminal: arrows, Home/End and Up/Down history edit the line; Ctrl-R searches the history; Ctrl-C clears
        the line; Ctrl-D on an empty line leaves. Tab completes (twice: lists the candidates); F1 or "(" shows the
        signatures of the call being typed.
        """;

    /// <summary>The greeting on a terminal.</summary>
    public void Banner()
    {
        if (interactive) Terminal.Out.MarkupLine("[bold]qathost[/] REPL. [grey]#help for commands, #quit to leave.[/]");
    }

    /// <summary>The prompt: <c>&gt; </c> for a new submission, <c>. </c> while one continues.</summary>
    public void Prompt(bool continuing)
    {
        if (interactive) Terminal.Out.Markup(continuing ? "[grey]. [/]" : "[green]>[/] ");
    }

    /// <summary>Prints an outcome that is not an error.</summary>
    public void Outcome(ReplOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case ReplOutcomeKind.Value:
                Terminal.Out.WriteLine(outcome.Value ?? "null", Style.Plain);
                break;
            case ReplOutcomeKind.Help:
                Terminal.Out.WriteLine(Help, Style.Plain);
                break;
            case ReplOutcomeKind.Saved:
                Terminal.Out.WriteLine(outcome.Value ?? "", Style.Plain);
                break;
            case ReplOutcomeKind.Reset:
                Terminal.Out.WriteLine("State reset: every variable and function is gone.", Style.Plain);
                break;
        }
    }
}
