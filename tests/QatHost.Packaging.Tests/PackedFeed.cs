using System.IO.Compression;

namespace QatHost.Packaging.Tests;

/// <summary>
/// The repository packed once per test run into a local feed, in a temporary folder outside the repository.
/// The packages get a version of their own (<c>0.1.0-e2e.&lt;time&gt;</c>) so that nothing restored from the
/// machine's NuGet cache by an earlier run is taken for them. Build output goes to the temporary folder too
/// (<c>--artifacts-path</c>), so the repository's bin/ and obj/ are left alone.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>The projects <c>dotnet pack QatHost.sln</c> packs, and so this feed holds, by package id.</summary>
    public static readonly (string Id, string Project)[] Packages =
    [
        ("QatHost.Sdk", "sdk/QatHost.Sdk/QatHost.Sdk.csproj"),
        ("QatHost.Plotting", "sdk/QatHost.Plotting/QatHost.Plotting.csproj"),
        ("QatHost.Transforms", "plugins/Transforms/QatHost.Transforms/QatHost.Transforms.csproj"),
        ("QatHost.Xylo", "plugins/Xylo/QatHost.Xylo/QatHost.Xylo.csproj"),
        ("QatHost.Templates", "templates/QatHost.Templates/QatHost.Templates.csproj"),
        ("qathost", "host/QatHost.Cli/QatHost.Cli.csproj"),
    ];

    public PackedFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), $"qathost-e2e-{Guid.NewGuid():N}"[..24]);
        if (Path.GetFullPath(Root).StartsWith(Path.GetFullPath(Shell.RepositoryRoot), StringComparison.Ordinal))
            throw new InvalidOperationException($"the temporary folder {Root} lies inside the repository");
        Directory.CreateDirectory(Root);
        Feed = Path.Combine(Root, "feed");
        Version = $"{Shell.BaseVersion}-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}";
        Environment = new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = Path.Combine(Root, "home"),        // template installs stay here
            ["XDG_DATA_HOME"] = Path.Combine(Root, "data"),          // the per-user plugin folder
            ["QATHOST_CACHE"] = Path.Combine(Root, "cache"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
        Shell = new Shell(Root, Environment);
        // One solution of the packable projects: one restore and one build graph (QatHost.sln would also build
        // the tests and benchmarks).
        string solution = Path.Combine(Root, "packages.slnx");
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(Packages.Select(p =>
            $"  <Project Path=\"{Path.GetRelativePath(Root, Path.Combine(Shell.RepositoryRoot, p.Project))}\" />\n")) + "</Solution>\n");
        Shell.Run("dotnet", ["pack", solution, "-c", "Release", "-o", Feed, "--artifacts-path", Path.Combine(Root, "build"),
            $"-p:QatHostVersion={Version}", "-nodeReuse:false"], timeout: TimeSpan.FromMinutes(60)); // the tool package compresses ~600 MB of LibTorch
    }

    /// <summary>The temporary folder everything happens in.</summary>
    public string Root { get; }

    /// <summary>The local feed holding the packages.</summary>
    public string Feed { get; }

    /// <summary>The packages' version.</summary>
    public string Version { get; }

    /// <summary>The environment every command runs with: template installs, plugins and caches in <see cref="Root"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Runs commands in <see cref="Root"/> with <see cref="Environment"/>.</summary>
    public Shell Shell { get; }

    /// <summary>The path of package <paramref name="id"/> in the feed.</summary>
    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>The entries of package <paramref name="id"/>.</summary>
    public IReadOnlyList<string> Entries(string id)
    {
        using var zip = ZipFile.OpenRead(Package(id));
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>The nuspec of package <paramref name="id"/>.</summary>
    public string Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(Package(id));
        using var reader = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        if (System.Environment.GetEnvironmentVariable("QATHOST_E2E_KEEP") == "1") return;   // to look at what was made
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
