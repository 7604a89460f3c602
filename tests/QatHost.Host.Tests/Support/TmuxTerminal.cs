using System.Diagnostics;

namespace QatHost.Host.Tests.Support;

/// <summary>
/// A real terminal for driving <c>qathost repl</c> as a user does: a detached tmux session on a tmux server of
/// its own (so nothing else's sessions are touched), keys sent with <c>send-keys</c>, the screen read with
/// <c>capture-pane</c>. Under CI (<c>CI=true</c>) tmux is installed when missing; otherwise a missing tmux fails
/// the test with how to install it.
/// </summary>
public sealed class TmuxTerminal : IDisposable
{
    private static readonly Lazy<string?> Missing = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string server = $"qathost-tests-{Guid.NewGuid():N}";

    /// <summary>Starts <c>qathost ARGS</c> in a 120 × 50 terminal with the given environment.</summary>
    public TmuxTerminal(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        if (Missing.Value is { } why) throw new InvalidOperationException(why);
        var command = new List<string> { "new-session", "-d", "-s", "repl", "-x", "120", "-y", "50", "-c", Repository.Root };
        foreach (var (key, value) in environment) command.AddRange(["-e", $"{key}={value}"]);
        command.Add("dotnet");
        command.Add(Repository.CliAssembly);
        command.AddRange(args);
        Tmux([.. command]);
    }

    /// <summary>Types <paramref name="text"/> literally.</summary>
    public void Type(string text) =>
        // tmux reads an argument ending in ';' as a command separator unless escaped.
        Tmux("send-keys", "-t", "repl", "-l", text.EndsWith(';') ? text[..^1] + "\\;" : text);

    /// <summary>Presses keys by tmux name: <c>Enter</c>, <c>Tab</c>, <c>C-r</c>, <c>Escape</c>, <c>F1</c>.</summary>
    public void Press(params string[] keys) => Tmux(["send-keys", "-t", "repl", .. keys]);

    /// <summary>The screen as text, one entry per row, trailing blanks trimmed.</summary>
    public IReadOnlyList<string> Screen() =>
        Tmux("capture-pane", "-p", "-t", "repl").ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();

    /// <summary>Waits until the screen satisfies <paramref name="condition"/>; fails with the screen after
    /// <paramref name="seconds"/> (generous: the first completion loads Roslyn's editor services).</summary>
    public IReadOnlyList<string> WaitFor(Func<IReadOnlyList<string>, bool> condition, string what, int seconds = 90)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = Screen();
            if (condition(screen)) return screen;
            if (clock.Elapsed.TotalSeconds > seconds)
                throw new TimeoutException($"waited {seconds} s for {what}; the screen:\n{string.Join('\n', screen)}");
            Thread.Sleep(200);
        }
    }

    /// <summary>Waits for a row equal to <paramref name="row"/>.</summary>
    public IReadOnlyList<string> WaitForRow(string row, int seconds = 90) => WaitFor(s => s.Contains(row), $"the row \"{row}\"", seconds);

    /// <inheritdoc/>
    public void Dispose()
    {
        try { Tmux("kill-server"); }
        catch (InvalidOperationException) { }
    }

    private string Tmux(params string[] args)
    {
        var (exit, output) = SystemTool.Run("tmux", ["-L", server, .. args]);
        if (exit != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed (exit {exit}): {output}");
        return output;
    }

    private static string? Prepare() => SystemTool.Require("tmux", Available, "to run the terminal tests");

    private static bool Available()
    {
        try { return SystemTool.Run("tmux", "-V").Exit == 0; }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
