namespace QatHost.Scripting.Diagnostics;

/// <summary>One message about a script, plugin or command: where (when known), how serious, and what.
/// The CLI renders it as <c>path:line:col: error CS1061: message</c> followed by the source line.</summary>
/// <param name="Severity">Error, warning or note.</param>
/// <param name="Message">One line saying what is wrong.</param>
/// <param name="Location">Where in a script, or null.</param>
/// <param name="Code">The compiler's id (<c>CS1061</c>), or null for runtime and host errors.</param>
/// <param name="Subject">What the message is about when it is not a script location, e.g. a plugin file.</param>
/// <param name="Details">Further lines shown under the source line (the rest of a multi-line message).</param>
/// <param name="StackTrace">The full stack, shown only with <c>--verbose</c>.</param>
public sealed record ScriptDiagnostic(
    Severity Severity,
    string Message,
    ScriptLocation? Location = null,
    string? Code = null,
    string? Subject = null,
    IReadOnlyList<string>? Details = null,
    string? StackTrace = null)
{
    /// <summary>True for <see cref="Severity.Error"/>.</summary>
    public bool IsError => Severity == Severity.Error;
}
