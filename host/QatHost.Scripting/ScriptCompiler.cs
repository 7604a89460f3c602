using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting;

/// <summary>
/// Compiles script files with Roslyn against a <see cref="ScriptEnvironment"/>, through the compilation
/// cache when one is given. A cache hit never loads the compiler, which is what makes a warm run fast.
/// </summary>
public sealed class ScriptCompiler(ScriptEnvironment environment, CompilationCache? cache)
{
    /// <summary>Compiles <paramref name="scriptPath"/>; a missing file is an error diagnostic naming it.</summary>
    public ScriptCompileResult Compile(string scriptPath)
    {
        string path = Path.GetFullPath(scriptPath);
        if (!File.Exists(path))
            return Failed(new ScriptDiagnostic(Severity.Error, "script file not found", Subject: path));
        string text = File.ReadAllText(path);
        string key = CompilationCache.Key(path, text, environment.Fingerprint());
        if (cache?.TryGet(key) is { } cached)
            return new ScriptCompileResult(cached, [], FromCache: true);

        var result = RoslynScriptBuilder.Build(environment, path, text);
        if (result.Script is not null) cache?.Store(key, result.Script);
        return result;
    }

    private static ScriptCompileResult Failed(ScriptDiagnostic diagnostic) => new(null, [diagnostic], false);
}
