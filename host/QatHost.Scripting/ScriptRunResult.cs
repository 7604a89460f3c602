using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting;

/// <summary>The outcome of running a script: its return value, or the error it stopped with.</summary>
public sealed record ScriptRunResult(object? ReturnValue, ScriptDiagnostic? Error)
{
    /// <summary>True when the script ran to its end.</summary>
    public bool Succeeded => Error is null;

    /// <summary>True when the script stopped with an <see cref="OperationCanceledException"/>: a cancellation
    /// it was given (Ctrl-C) was observed, e.g. by <c>Train</c> after its current batch.</summary>
    public bool Cancelled { get; init; }
}
