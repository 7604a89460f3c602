using System.Diagnostics;

namespace QatHost.Host.Tests.Support;

/// <summary>
/// The plugin projects under tests/Fixtures/Plugins, built once per test run (one <c>dotnet build</c> of
/// their solution) and laid out in fresh plugin folders the way users install plugins: DIR/&lt;Case&gt;/&lt;Case&gt;.dll.
/// </summary>
public static class FixturePlugins
{
    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new plugins folder holding the named fixture plugins, each in its own sub-folder.</summary>
    public static string Folder(params string[] cases)
    {
        string root = TemporaryFolder.Create("plugins");
        foreach (string name in cases) Install(name, root);
        return root;
    }

    /// <summary>Copies one fixture plugin's build output to <paramref name="root"/>/&lt;name&gt;/.</summary>
    public static void Install(string name, string root)
    {
        string output = Path.Combine(Built.Value, name, "bin", Repository.Configuration, "net10.0");
        foreach (string file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(root, name, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Adds a plugin folder whose DLL is not a .NET assembly.</summary>
    public static string AddCorrupt(string root, string name = "Corrupt")
    {
        Directory.CreateDirectory(Path.Combine(root, name));
        string file = Path.Combine(root, name, name + ".dll");
        File.WriteAllBytes(file, [0x4D, 0x5A, 0x00, 0x01, 0x02, 0x03, 0xFF, 0xEE, .. new byte[256]]);
        return file;
    }

    private static string Build()
    {
        string fixtures = Repository.Path("tests/Fixtures/Plugins");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = fixtures,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { "build", "FixturePlugins.slnx", "-c", Repository.Configuration, "-nodeReuse:false", "-v:q", "-nologo" })
            start.ArgumentList.Add(arg);
        // The test host's MSBuild variables would point the child build at the wrong toolset.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Building the fixture plugins failed:\n{output.Result}\n{error}");
        return fixtures;
    }
}
