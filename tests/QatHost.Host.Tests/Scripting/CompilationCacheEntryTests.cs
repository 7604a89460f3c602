using QatHost.Host.Tests.Support;
using QatHost.Scripting;

namespace QatHost.Host.Tests.Scripting;

/// <summary>Damaged compilation cache entries (a truncated assembly after a power loss, a flipped byte, a
/// manifest from an older version) are deleted and missed, never handed out to be loaded.</summary>
public class CompilationCacheEntryTests
{
    private static (CompilationCache Cache, string Key, CompiledScript Script) Stored()
    {
        string folder = TemporaryFolder.Create("cache");
        string source = Path.Combine(TemporaryFolder.Create("script"), "s.csx");
        File.WriteAllText(source, "Print(1);\n");
        var script = new CompiledScript([.. Enumerable.Range(0, 4096).Select(i => (byte)i)], [1, 2, 3, 4],
            "Submission#0", "<Factory>", [source]);
        var cache = new CompilationCache(folder);
        string key = CompilationCache.Key(source, "Print(1);\n", "fingerprint");
        cache.Store(key, script);
        return (cache, key, script);
    }

    [Fact]
    public void An_intact_entry_is_returned_as_stored()
    {
        var (cache, key, script) = Stored();

        var found = cache.TryGet(key).ShouldNotBeNull();

        found.Image.ShouldBe(script.Image);
        found.Symbols.ShouldBe(script.Symbols);
        found.EntryType.ShouldBe("Submission#0");
    }

    [Theory]
    [InlineData("truncated dll")]
    [InlineData("flipped byte")]
    [InlineData("empty pdb")]
    [InlineData("old manifest")]
    [InlineData("missing dll")]
    public void A_damaged_entry_is_evicted_and_missed(string damage)
    {
        var (cache, key, _) = Stored();
        string entry = cache.EntryPath(key);
        string dll = Path.Combine(entry, "script.dll");
        switch (damage)
        {
            case "truncated dll":
                File.WriteAllBytes(dll, File.ReadAllBytes(dll)[..1000]);
                break;
            case "flipped byte":
                var bytes = File.ReadAllBytes(dll);
                bytes[2000] ^= 0xFF;
                File.WriteAllBytes(dll, bytes);
                break;
            case "empty pdb":
                File.WriteAllBytes(Path.Combine(entry, "script.pdb"), []);
                break;
            case "old manifest":
                string manifest = Path.Combine(entry, "manifest.txt");
                File.WriteAllLines(manifest, File.ReadAllLines(manifest).Where(l => !l.StartsWith("image") && !l.StartsWith("symbols")));
                break;
            case "missing dll":
                File.Delete(dll);
                break;
        }

        cache.TryGet(key).ShouldBeNull();

        Directory.Exists(entry).ShouldBeFalse();
    }
}
