using Spectre.Console;

namespace QatHost.Cli.Rendering;

/// <summary>The two Spectre consoles (standard output and standard error). When a stream is redirected
/// nothing wraps, so a diagnostic stays one line for editors, CI logs and tests.</summary>
public static class Terminal
{
    /// <summary>Standard output: script output, plugin lists, REPL values.</summary>
    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    /// <summary>Standard error: diagnostics and verbose notes.</summary>
    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected) console.Profile.Width = int.MaxValue / 2;
        return console;
    }
}
