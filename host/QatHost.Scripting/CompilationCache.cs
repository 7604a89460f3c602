using System.Security.Cryptography;
using System.Text;

namespace QatHost.Scripting;

/// <summary>
/// Compiled scripts on disk, one folder per key (script path and text, SDK and plugin versions) holding the
/// assembly, its PDB and a manifest listing every source file with its hash. An entry whose <c>#load</c>ed
/// file changed is stale and recompiled. Entries are written to a temporary folder, flushed to disk and
/// moved into place whole, so a concurrent run sees a complete entry or none. The manifest records the hash
/// of the assembly and PDB: an entry damaged anyway (a truncated file after a power loss, a disk error) is
/// deleted and the script recompiled, never loaded.
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

    /// <summary>The compiled script for <paramref name="key"/>, or null when absent, stale or damaged; a
    /// damaged entry (missing or truncated file, hash mismatch) is deleted.</summary>
    public CompiledScript? TryGet(string key)
    {
        string entry = EntryPath(key);
        if (!System.IO.Directory.Exists(entry)) return null;
        try
        {
            var lines = File.ReadAllLines(Path.Combine(entry, Manifest));
            var fields = lines.Select(l => l.Split('\t')).ToList();
            var entryPoint = fields.Single(f => f[0] == "entry");
            var sources = fields.Where(f => f[0] == "source").ToList();
            byte[] image = File.ReadAllBytes(Path.Combine(entry, "script.dll"));
            byte[] symbols = File.ReadAllBytes(Path.Combine(entry, "script.pdb"));
            if (Hash(image) != fields.Single(f => f[0] == "image")[1] || Hash(symbols) != fields.Single(f => f[0] == "symbols")[1])
                return Evict(entry);
            foreach (var source in sources)
                if (!File.Exists(source[2]) || Hash(File.ReadAllText(source[2])) != source[1]) return null;
            var script = new CompiledScript(image, symbols, entryPoint[1], entryPoint[2], sources.Select(s => s[2]).ToList());
            System.IO.Directory.SetLastWriteTimeUtc(entry, DateTime.UtcNow);
            return script;
        }
        catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or FileNotFoundException)
        {
            return Evict(entry); // a manifest without its lines or a file missing: not an entry Store wrote
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
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
            WriteDurably(Path.Combine(temporary, "script.dll"), script.Image);
            WriteDurably(Path.Combine(temporary, "script.pdb"), script.Symbols);
            var manifest = new StringBuilder($"entry\t{script.EntryType}\t{script.EntryMethod}\n");
            manifest.Append($"image\t{Hash(script.Image)}\nsymbols\t{Hash(script.Symbols)}\n");
            foreach (string source in script.SourceFiles)
                manifest.Append($"source\t{Hash(File.ReadAllText(source))}\t{source}\n");
            WriteDurably(Path.Combine(temporary, Manifest), Encoding.UTF8.GetBytes(manifest.ToString()));
            if (System.IO.Directory.Exists(entry)) System.IO.Directory.Delete(entry, recursive: true);
            System.IO.Directory.Move(temporary, entry);
            Prune();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    // Flushed to the disk before the folder is renamed into place: without it a power loss can leave a
    // renamed entry whose files are empty or truncated.
    private static void WriteDurably(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static CompiledScript? Evict(string entry)
    {
        TryDelete(entry);
        return null;
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

    private static string Hash(string text) => Hash(Encoding.UTF8.GetBytes(text));

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
}
