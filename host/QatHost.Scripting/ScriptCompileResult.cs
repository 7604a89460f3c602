using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting;

/// <summary>The outcome of compiling a script: the compiled script (null when there are errors), every
/// diagnostic (errors first), and whether it came from the compilation cache.</summary>
public sealed record ScriptCompileResult(
    CompiledScript? Script, IReadOnlyList<ScriptDiagnostic> Diagnostics, bool FromCache)
{
    /// <summary>True when the script compiled.</summary>
    public bool Succeeded => Script is not null;
}
