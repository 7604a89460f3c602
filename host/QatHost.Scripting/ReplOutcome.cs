using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting;

/// <summary>What one REPL submission did. The CLI prints it; the session continues whatever it is.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Value">The value of a trailing expression, formatted, when <see cref="ReplOutcomeKind.Value"/>.</param>
/// <param name="Diagnostics">Compile errors and warnings, or the runtime error.</param>
public sealed record ReplOutcome(ReplOutcomeKind Kind, string? Value, IReadOnlyList<ScriptDiagnostic> Diagnostics)
{
    /// <summary>A submission that ran and produced no value.</summary>
    public static ReplOutcome Ran(IReadOnlyList<ScriptDiagnostic> warnings) => new(ReplOutcomeKind.Ran, null, warnings);

    /// <summary>True when the submission stopped with an <see cref="OperationCanceledException"/>, e.g.
    /// <c>Train</c> after Ctrl-C; the session and its variables are intact.</summary>
    public bool Cancelled { get; init; }
}
