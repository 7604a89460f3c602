using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting.Notebooks;

/// <summary>A diagnostic as plain lines, the way the CLI prints it (<c>cell[3]:2:5: error CS0103: message</c>,
/// the source line, a caret), for a notebook's error output.</summary>
internal static class DiagnosticText
{
    public static IEnumerable<string> Lines(ScriptDiagnostic diagnostic, Func<string, int, string?> sourceLine)
    {
        string where = diagnostic.Location is { } l
            ? $"{Path.GetFileName(l.FilePath)}:{l.Line}:{l.Column}: "
            : diagnostic.Subject is { } subject ? $"{subject}: " : "";
        string label = diagnostic.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };
        yield return $"{where}{label}{(diagnostic.Code is null ? "" : " " + diagnostic.Code)}: {diagnostic.Message}";
        if (diagnostic.Location is { } location && sourceLine(location.FilePath, location.Line) is { } text)
        {
            text = text.TrimEnd('\r');
            int start = Math.Min(location.Column - 1, text.Length);
            int length = Math.Clamp(Math.Min(location.Length, text.TrimEnd().Length - start), 1, int.MaxValue);
            string pad = new(text[..start].Select(c => c == '\t' ? '\t' : ' ').ToArray());
            yield return $"{location.Line,5} | {text}";
            yield return $"      | {pad}{new string('^', length)}";
        }
        foreach (string detail in diagnostic.Details ?? []) yield return "   " + detail;
    }
}
