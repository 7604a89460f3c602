using System.Security.Cryptography;
using System.Text;

namespace QatHost.Scripting;

/// <summary>
/// Compiled scripts on disk, one folder per key (script path and text, SDK and plugin versions) holding the
/// assembly, its PDB and a manifest listing every source file with its hash. An entry whose <c>#load</c>ed
/// file changed is stale and recompiled. Entries are written to a temporary folder and moved into place
/// whole, so a concurrent run sees a complete entry or none.
/// </summary>
public sealed class CompilationCache(string directory, int maxEntries = 200)
{
    private const string Manifest = "manifest.txt";

    /// <summary>The folder holding the entries.</summary>
    public string Directory { get; } = directory;

    /// <summary>The cache key for a script: its absolute path and text and the environment fingerprint.</summary>
    public static string Key(string scriptPath, string scriptText, string fingerprint) =>
        Hash($"qathost-script-v1\n{scriptPath}\n{fingerprint}\n{scriptText}");

    /// <summary>The folder of the entry for <paramref name="key"/> (which may not exist).</summary>
    public string EntryPath(string key) => Path.Combine(Directory, key);

    /// <summary>The compiled script for <paramref name="key"/>, or null when absent, stale or unreadable.</summary>
    public CompiledScript? TryGet(string key)
    {
        string entry = EntryPath(key);
        try
        {
            var lines = File.ReadAllLines(Path.Combine(entry, Manifest));
            var fields = lines.Select(l => l.Split('\t')).ToList();
            var entryPoint = fields.Single(f => f[0] == "entry");
            var sources = fields.Where(f => f[0] == "source").ToList();
            foreach (var source in sources)
                if (!File.Exists(source[2]) || Hash(File.ReadAllText(source[2])) != source[1]) return null;
            var script = new CompiledScript(File.ReadAllBytes(Path.Combine(entry, "script.dll")),
                File.ReadAllBytes(Path.Combine(entry, "script.pdb")), entryPoint[1], entryPoint[2],
                sources.Select(s => s[2]).ToList());
            System.IO.Directory.SetLastWriteTimeUtc(entry, DateTime.UtcNow);
            return script;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="script"/> under <paramref name="key"/>, replacing a stale entry. A
    /// cache that cannot be written is skipped: the script still runs, only the next start is slower.</summary>
    public void Store(string key, CompiledScript script)
    {
        string entry = EntryPath(key);
        string temporary = entry + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            System.IO.Directory.CreateDirectory(temporary);
            File.WriteAllBytes(Path.Combine(temporary, "script.dll"), script.Image);
            File.WriteAllBytes(Path.Combine(temporary, "script.pdb"), script.Symbols);
            var manifest = new StringBuilder($"entry\t{script.EntryType}\t{script.EntryMethod}\n");
            foreach (string source in script.SourceFiles)
                manifest.Append($"source\t{Hash(File.ReadAllText(source))}\t{source}\n");
            File.WriteAllText(Path.Combine(temporary, Manifest), manifest.ToString());
            if (System.IO.Directory.Exists(entry)) System.IO.Directory.Delete(entry, recursive: true);
            System.IO.Directory.Move(temporary, entry);
            Prune();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    private void Prune()
    {
        var entries = new DirectoryInfo(Directory).GetDirectories()
            .OrderByDescending(d => d.LastWriteTimeUtc).Skip(maxEntries);
        foreach (var old in entries) TryDelete(old.FullName);
    }

    private static void TryDelete(string folder)
    {
        try { if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
