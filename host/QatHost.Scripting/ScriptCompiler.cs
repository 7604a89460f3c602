using System.Text;
using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting;

/// <summary>
/// Compiles script files with Roslyn against a <see cref="ScriptEnvironment"/>, through the compilation
/// cache when one is given. A cache hit never loads the compiler, which is what makes a warm run fast.
/// </summary>
public sealed class ScriptCompiler(ScriptEnvironment environment, CompilationCache? cache)
{
    /// <summary>Compiles <paramref name="scriptPath"/>; a missing file, a directory or a file that is not
    /// text is an error diagnostic naming it.</summary>
    public ScriptCompileResult Compile(string scriptPath)
    {
        string path = Path.GetFullPath(scriptPath);
        if (Directory.Exists(path))
            return Failed(new ScriptDiagnostic(Severity.Error, "is a directory, not a script file", Subject: path));
        if (!File.Exists(path))
            return Failed(new ScriptDiagnostic(Severity.Error, "script file not found", Subject: path));
        byte[] bytes = File.ReadAllBytes(path);
        if (NotText(bytes) is { } why)
            return Failed(new ScriptDiagnostic(Severity.Error,
                $"does not look like a text file ({why}); a script is C# source text, usually UTF-8", Subject: path));
        string text;
        using (var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            text = reader.ReadToEnd();
        string key = CompilationCache.Key(path, text, environment.Fingerprint());
        if (cache?.TryGet(key) is { } cached)
            return new ScriptCompileResult(cached, [], FromCache: true);

        var result = RoslynScriptBuilder.Build(environment, path, text);
        if (result.Script is not null) cache?.Store(key, result.Script);
        return result;
    }

    /// <summary>Why <paramref name="bytes"/> do not look like text (a NUL byte, many control characters),
    /// or null when they do. Files with a UTF-16 or UTF-32 byte order mark are text.</summary>
    internal static string? NotText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) return null;
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        int nul = sample.IndexOf((byte)0);
        if (nul >= 0) return $"a NUL byte at offset {nul}";
        // Tab, line feed, vertical tab, form feed, carriage return and escape appear in text; other C0 codes do not.
        int control = 0;
        foreach (byte b in sample)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or 0x0B or 0x0C or (byte)'\r' or 0x1B)) control++;
        return sample.Length > 0 && control * 10 > sample.Length
            ? $"{control} of its first {sample.Length} bytes are control characters"
            : null;
    }

    private static ScriptCompileResult Failed(ScriptDiagnostic diagnostic) => new(null, [diagnostic], false);
}
