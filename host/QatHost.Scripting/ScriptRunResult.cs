using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting;

/// <summary>The outcome of running a script: its return value, or the error it stopped with.</summary>
public sealed record ScriptRunResult(object? ReturnValue, ScriptDiagnostic? Error)
{
    /// <summary>True when the script ran to its end.</summary>
    public bool Succeeded => Error is null;
}
