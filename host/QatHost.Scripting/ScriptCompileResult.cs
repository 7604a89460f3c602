using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting;

/// <summary>The outcome of compiling a script: the compiled script (null when there are errors, or when the
/// script holds no code), every diagnostic (errors first), and whether it came from the compilation cache.</summary>
public sealed record ScriptCompileResult(
    CompiledScript? Script, IReadOnlyList<ScriptDiagnostic> Diagnostics, bool FromCache)
{
    /// <summary>True when the script compiled.</summary>
    public bool Succeeded => Script is not null;

    /// <summary>True when the script compiled without errors but holds nothing to run (it is empty or only
    /// comments and <c>using</c> directives); running it does nothing, and a note in
    /// <see cref="Diagnostics"/> says so.</summary>
    public bool IsEmpty { get; init; }
}
