using QatHost.Scripting.Diagnostics;
using Spectre.Console;

namespace QatHost.Cli.Rendering;

/// <summary>
/// Prints diagnostics the way compilers do: <c>path:line:col: error CS1061: message</c>, then the source
/// line and a caret under the part at fault, then any further lines. Paths are relative to the working
/// directory. Stack traces appear only when verbose.
/// </summary>
/// <param name="verbose">Show stack traces.</param>
/// <param name="sourceLine">Where source lines come from when not from files (the REPL's submissions).</param>
public sealed class DiagnosticRenderer(bool verbose, Func<string, int, string?>? sourceLine = null)
{
    private const int Gutter = 5;

    /// <summary>Prints the diagnostics in the order they come in (errors first), at most
    /// <paramref name="limit"/> of them, then how many more there were.</summary>
    public void Render(IEnumerable<ScriptDiagnostic> diagnostics, int limit = int.MaxValue)
    {
        var all = diagnostics.ToList();
        for (int i = 0; i < Math.Min(limit, all.Count); i++)
        {
            if (i > 0) Terminal.Error.WriteLine();
            Render(all[i]);
        }
        if (all.Count <= limit) return;
        var rest = all.Skip(limit).ToList();
        var counts = rest.GroupBy(d => d.Severity).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}{(g.Count() == 1 ? "" : "s")}");
        Terminal.Error.WriteLine();
        Terminal.Error.WriteLine($"... and {rest.Count} more ({string.Join(", ", counts)}); fix the first ones, later errors often follow from them",
            Style.Plain);
    }

    /// <summary>Prints one diagnostic.</summary>
    public void Render(ScriptDiagnostic diagnostic)
    {
        var console = Terminal.Error;
        string where = diagnostic.Location is { } l
            ? $"{DisplayPath(l.FilePath)}:{l.Line}:{l.Column}: "
            : diagnostic.Subject is { } subject ? $"{DisplayPath(subject)}: " : "";
        string code = diagnostic.Code is null ? "" : " " + diagnostic.Code;
        console.Markup($"[bold]{Markup.Escape(where)}[/]{Label(diagnostic.Severity)}{Markup.Escape(code)}: ");
        console.WriteLine(diagnostic.Message, Style.Plain);
        if (diagnostic.Location is { } location) Snippet(location);
        foreach (string detail in diagnostic.Details ?? []) console.WriteLine("   " + detail, Style.Plain);
        if (verbose && diagnostic.StackTrace is { } stack) console.WriteLine(stack, new Style(Color.Grey));
    }

    /// <summary>Prints what the command-line parser rejected, then where to get help.</summary>
    public void CommandLineErrors(IEnumerable<string> messages)
    {
        foreach (string message in messages)
            Render(new ScriptDiagnostic(Severity.Error, message, Subject: "qathost"));
        Terminal.Error.WriteLine("Run 'qathost --help' for usage.", Style.Plain);
    }

    /// <summary>A path as shown: relative to the working directory, unless it lies outside it.</summary>
    public static string DisplayPath(string path)
    {
        if (!Path.IsPathRooted(path)) return path;
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string Label(Severity severity) => severity switch
    {
        Severity.Error => "[red bold]error[/]",
        Severity.Warning => "[yellow bold]warning[/]",
        _ => "[blue]note[/]",
    };

    private void Snippet(ScriptLocation location)
    {
        string? text = sourceLine?.Invoke(location.FilePath, location.Line) ?? ReadLine(location.FilePath, location.Line);
        if (text is null) return;
        text = text.TrimEnd('\r');
        int start = Math.Min(location.Column - 1, text.Length);
        int length = Math.Clamp(Math.Min(location.Length, text.TrimEnd().Length - start), 1, int.MaxValue);
        // Tabs stay tabs under the caret, so the caret lines up whatever the tab width.
        string pad = new(text[..start].Select(c => c == '\t' ? '\t' : ' ').ToArray());
        var console = Terminal.Error;
        console.WriteLine($"{location.Line.ToString().PadLeft(Gutter)} | {text}", Style.Plain);
        console.Write($"{new string(' ', Gutter)} | {pad}", Style.Plain);
        console.WriteLine(new string('^', length), new Style(Color.Red));
    }

    private static string? ReadLine(string path, int line)
    {
        try { return File.Exists(path) ? File.ReadLines(path).Skip(line - 1).FirstOrDefault() : null; }
        catch (IOException) { return null; }
    }
}
