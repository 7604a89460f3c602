using System.Text.Json.Nodes;

namespace QatHost.Tests.Oracle;

/// <summary>Finds and reads the golden files that the real Rockpool produced (tests/Oracle/golden, copied from the oracle run; see tests/Oracle/README.md).</summary>
public static class OracleFiles
{
    private static readonly Lazy<string> folder = new(Locate);

    /// <summary>The golden folder: $QATHOST_ORACLE_DIR, else tests/Oracle/golden in the repository.</summary>
    public static string Folder => folder.Value;

    /// <summary>Golden case names (file names without .json) that start with one of the prefixes.</summary>
    public static TheoryData<string> Named(params string[] prefixes)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) data.Add(name);
        }
        return data;
    }

    /// <summary>Parses one golden file.</summary>
    public static JsonObject Read(string name) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("QATHOST_ORACLE_DIR") is { Length: > 0 } given)
        {
            // A wrong override must fail loudly: an empty folder would make the golden theories vanish silently.
            if (!Directory.Exists(given) || Directory.GetFiles(given, "*.json").Length == 0)
                throw new DirectoryNotFoundException(
                    $"QATHOST_ORACLE_DIR = {given} holds no golden files (*.json); unset it to use tests/Oracle/golden in the repository.");
            return Path.GetFullPath(given);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "QatHost.sln"))) continue;
            string golden = Path.Combine(dir.FullName, "tests", "Oracle", "golden");
            if (Directory.Exists(golden)) return Path.GetFullPath(golden);
            throw new DirectoryNotFoundException(
                $"Oracle goldens not found at {Path.GetFullPath(golden)}; set QATHOST_ORACLE_DIR to the golden folder.");
        }
        throw new DirectoryNotFoundException("QatHost.sln not found above the test folder; set QATHOST_ORACLE_DIR.");
    }
}
