using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using QatHost.Sdk;

namespace QatHost.Scripting.Diagnostics;

/// <summary>
/// Turns an exception thrown while a script ran into one diagnostic at the script line that made the
/// failing call: the innermost stack frame in a script file, with the name of the method it called
/// underlined when that name is on the line.
/// </summary>
public static class StackTraceMapper
{
    /// <summary>The diagnostic for <paramref name="exception"/>; <paramref name="sourceFiles"/> are the
    /// script and its <c>#load</c>ed files (absolute paths), or the REPL's pseudo file names.</summary>
    public static ScriptDiagnostic ToDiagnostic(Exception exception, IReadOnlyCollection<string> sourceFiles,
        Func<string, int, string?>? sourceLine = null)
    {
        exception = Unwrap(exception);
        sourceLine ??= ReadLine;
        var lines = Describe(exception).Split('\n', StringSplitOptions.TrimEntries);
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        int index = Array.FindIndex(frames, f => f.GetFileName() is { } file && sourceFiles.Contains(file));
        ScriptLocation? location = null;
        if (index >= 0)
        {
            var frame = frames[index];
            string file = frame.GetFileName()!;
            int line = frame.GetFileLineNumber(), column = Math.Max(1, frame.GetFileColumnNumber());
            string text = sourceLine(file, line) ?? "";
            string? callee = index > 0 ? CalleeName(frames[..index]) : null;
            location = Locate(file, line, column, text, callee);
        }
        return new ScriptDiagnostic(Severity.Error, lines[0], location,
            Details: lines.Skip(1).Where(l => l.Length > 0).ToList(), StackTrace: exception.ToString());
    }

    /// <summary>The message shown for an exception: SDK errors and cancellations (training stopped by Ctrl-C)
    /// as they are, others prefixed by their type.</summary>
    public static string Describe(Exception exception) => exception is QatHostException or OperationCanceledException
        ? exception.Message
        : $"{exception.GetType().Name}: {exception.Message}";

    /// <summary>Strips the reflection and initialisation wrappers that hide the real exception.</summary>
    public static Exception Unwrap(Exception exception)
    {
        while (exception is TargetInvocationException or TypeInitializationException or AggregateException
               && exception.InnerException is not null)
            exception = exception.InnerException;
        return exception;
    }

    private static ScriptLocation Locate(string file, int line, int column, string text, string? callee)
    {
        if (callee is not null)
        {
            var match = Regex.Match(text.Length >= column ? text[(column - 1)..] : "", $@"\b{Regex.Escape(callee)}\b\s*[(<]");
            if (match.Success) return new ScriptLocation(file, line, column + match.Index, callee.Length);
        }
        int end = text.TrimEnd().Length;
        return new ScriptLocation(file, line, column, Math.Max(1, end - column + 1));
    }

    // The method the script called directly: the frame just above the script frame that has a real name.
    private static string? CalleeName(StackFrame[] above)
    {
        for (int i = above.Length - 1; i >= 0; i--)
        {
            if (above[i].GetMethod() is not { } method) continue;
            string name = method.IsConstructor ? method.DeclaringType!.Name : method.Name;
            if (name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal)) name = name[4..];
            int tick = name.IndexOf('`');
            if (tick >= 0) name = name[..tick];
            if (!name.Contains('<')) return name;
        }
        return null;
    }

    private static string? ReadLine(string file, int line)
    {
        try { return File.ReadLines(file).Skip(line - 1).FirstOrDefault(); }
        catch (IOException) { return null; }
    }
}
