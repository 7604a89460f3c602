namespace QatHost.Scripting.Diagnostics;

/// <summary>A place in a script file: 1-based line and column, and how many characters to underline.</summary>
/// <param name="FilePath">Absolute path of the script (or <c>#load</c>ed) file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Length">Characters to underline from <paramref name="Column"/>; at least 1 when rendered.</param>
public sealed record ScriptLocation(string FilePath, int Line, int Column, int Length);
