using System.Text.Json;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using QatHost.Sdk;
using QatHost.Sdk.Plugins;

namespace QatHost.Plugins;

/// <summary>A plugin installed by <c>qathost plugins add</c>: what package it came from and where.</summary>
/// <param name="Name">The package id, which is also the plugin's folder and assembly name.</param>
/// <param name="Version">The package version.</param>
/// <param name="Source">The feed or .nupkg file it was installed from.</param>
/// <param name="Folder">Its folder in the per-user plugin folder.</param>
public sealed record InstalledPlugin(string Name, string Version, string Source, string Folder);

/// <summary>
/// Installs plugin packages into the per-user plugin folder and removes them. A plugin package is a NuGet
/// package whose <c>lib/net10.0</c> (or nearest compatible) folder holds <c>&lt;PackageId&gt;.dll</c> and its
/// private libraries; it depends on QatHost.Sdk and ships neither the SDK, TorchSharp nor LibTorch (the host
/// provides them). A package is checked, extracted to a staging folder and loaded there exactly as the host
/// would load it; only a plugin that loads is moved into place.
/// </summary>
public static class PluginInstaller
{
    /// <summary>The file written into each installed plugin's folder, recording where it came from.</summary>
    public const string RecordFile = "qathost-plugin.json";

    /// <summary>Origin of the per-user plugin folder in <see cref="PluginSource"/>.</summary>
    public const string UserOrigin = "installed with qathost plugins add";

    /// <summary>The per-user plugin folder: <c>$XDG_DATA_HOME/qathost/plugins</c>, by default
    /// <c>~/.local/share/qathost/plugins</c> (Windows: <c>%LOCALAPPDATA%\qathost\plugins</c>).</summary>
    public static string UserFolder()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string root = !string.IsNullOrEmpty(xdg) ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(root, "qathost", "plugins");
    }

    /// <summary>The plugins installed in <paramref name="folder"/> (default: <see cref="UserFolder"/>), by name.</summary>
    public static IReadOnlyList<InstalledPlugin> Installed(string? folder = null)
    {
        folder ??= UserFolder();
        if (!Directory.Exists(folder)) return [];
        return Directory.GetDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Select(ReadRecord).OfType<InstalledPlugin>().OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The install record of the plugin folder <paramref name="pluginFolder"/>, or null when it has none.</summary>
    public static InstalledPlugin? ReadRecord(string pluginFolder)
    {
        string file = Path.Combine(pluginFolder, RecordFile);
        if (!File.Exists(file)) return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            return new InstalledPlugin(root.GetProperty("name").GetString()!, root.GetProperty("version").GetString()!,
                root.GetProperty("source").GetString()!, pluginFolder);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Installs <paramref name="package"/>, a package id (looked up in <paramref name="source"/>, or in the
    /// feeds of the NuGet configuration when null) or the path of a <c>.nupkg</c> file. <paramref name="version"/>
    /// picks a version; by default the highest stable one (the highest pre-release when there is no stable one).
    /// An installed plugin of the same name is replaced. Throws <see cref="QatHostException"/> saying why when
    /// the package cannot be found or is not a usable plugin; nothing is installed then.
    /// </summary>
    public static InstalledPlugin Install(string package, string? source = null, string? version = null, string? folder = null)
    {
        folder ??= UserFolder();
        var (bytes, origin) = package.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) || File.Exists(package)
            ? ReadFile(package, source, version)
            : Download(package, source, version);

        using var stream = new MemoryStream(bytes);
        using var reader = new PackageArchiveReader(stream);
        var identity = reader.GetIdentity();
        string name = identity.Id, label = $"{identity.Id} {identity.Version.ToNormalizedString()}";
        CheckFiles(reader, label);
        CheckDependencies(reader, label);
        var (framework, files) = LibraryFiles(reader, label);
        if (!files.Any(f => string.Equals(Path.GetFileName(f), name + ".dll", StringComparison.OrdinalIgnoreCase)))
            throw new QatHostException($"{label}: not a QatHost plugin package: lib/{framework.GetShortFolderName()}/ has no {name}.dll " +
                "(the plugin's assembly must be named like the package)");

        Directory.CreateDirectory(folder);
        string staging = Path.Combine(folder, $".staging-{Guid.NewGuid():N}");
        string staged = Path.Combine(staging, name);
        try
        {
            Directory.CreateDirectory(staged);
            string prefix = $"lib/{framework.GetShortFolderName()}/";
            foreach (string file in files)
            {
                string relative = file.Replace('\\', '/');
                relative = relative.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? relative[prefix.Length..] : Path.GetFileName(relative);
                string target = Path.GetFullPath(Path.Combine(staged, relative));
                if (!target.StartsWith(staged + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new QatHostException($"{label}: the package has a file outside its folder: {file}");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var entry = reader.GetStream(file);
                using var output = File.Create(target);
                entry.CopyTo(output);
            }
            // Load it exactly as the host will: the same checks (SDK version, declaration, shipped files, throws).
            var catalog = PluginCatalog.Load([new PluginSource(staging, "staging")]);
            if (catalog.Failures.FirstOrDefault() is { } failure)
                throw new QatHostException($"{label}: not installed: {failure.Reason}");

            File.WriteAllText(Path.Combine(staged, RecordFile), JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["name"] = name,
                ["version"] = identity.Version.ToNormalizedString(),
                ["source"] = origin,
                ["installed"] = DateTimeOffset.UtcNow.ToString("u"),
            }, new JsonSerializerOptions { WriteIndented = true }));

            string final = Path.Combine(folder, name);
            if (ExistingFolder(folder, name) is { } existing) Directory.Delete(existing, recursive: true);
            Directory.Move(staged, final);
            return new InstalledPlugin(name, identity.Version.ToNormalizedString(), origin, final);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Removes the installed plugin <paramref name="name"/> (package id, any case). Throws
    /// <see cref="QatHostException"/> naming the installed plugins when there is none by that name.</summary>
    public static InstalledPlugin Remove(string name, string? folder = null)
    {
        folder ??= UserFolder();
        var installed = Installed(folder);
        var plugin = installed.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new QatHostException($"no installed plugin named {name} in {folder}; installed: " +
                (installed.Count == 0 ? "none" : string.Join(", ", installed.Select(p => p.Name))));
        Directory.Delete(plugin.Folder, recursive: true);
        return plugin;
    }

    private static string? ExistingFolder(string folder, string name) => Directory.GetDirectories(folder)
        .FirstOrDefault(d => string.Equals(Path.GetFileName(d), name, StringComparison.OrdinalIgnoreCase));

    private static (byte[], string) ReadFile(string path, string? source, string? version)
    {
        if (source is not null || version is not null)
            throw new QatHostException($"{path}: --source and --version apply to a package id, not to a .nupkg file");
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new QatHostException($"{path}: no such .nupkg file");
        return (File.ReadAllBytes(full), full);
    }

    private static (byte[], string) Download(string id, string? source, string? version)
    {
        NuGetVersion? wanted = null;
        if (version is not null && !NuGetVersion.TryParse(version, out wanted))
            throw new QatHostException($"--version {version}: not a version (e.g. 1.2.0)");
        List<PackageSource> sources = source is not null
            ? [new PackageSource(Directory.Exists(source) ? Path.GetFullPath(source) : source)]
            : new PackageSourceProvider(Settings.LoadDefaultSettings(Directory.GetCurrentDirectory()))
                .LoadPackageSources().Where(s => s.IsEnabled).ToList();
        if (sources.Count == 0) throw new QatHostException($"{id}: no package source; give one with --source FEED");

        using var cache = new SourceCacheContext { NoCache = true };
        var found = new List<(PackageSource Source, FindPackageByIdResource Resource, NuGetVersion Version)>();
        var problems = new List<string>();
        foreach (var packageSource in sources)
        {
            try
            {
                var resource = Repository.Factory.GetCoreV3(packageSource).GetResource<FindPackageByIdResource>()
                    ?? throw new InvalidOperationException("not a NuGet feed");
                var versions = resource.GetAllVersionsAsync(id, cache, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();
                found.AddRange(versions.Select(v => (packageSource, resource, v)));
            }
            catch (Exception e) when (e is not QatHostException)
            {
                problems.Add($"{packageSource.Source}: {e.Message.Split('\n')[0].Trim()}");
            }
        }
        string searched = string.Join(", ", sources.Select(s => s.Source));
        if (found.Count == 0)
            throw new QatHostException($"{id}: no such package in {searched}" + (problems.Count > 0 ? $" ({string.Join("; ", problems)})" : ""));
        var pick = wanted is not null
            ? found.FirstOrDefault(f => f.Version == wanted)
            : found.Where(f => !f.Version.IsPrerelease).DefaultIfEmpty(found.MaxBy(f => f.Version)).MaxBy(f => f.Version);
        if (pick.Resource is null)
            throw new QatHostException($"{id}: no version {version} in {searched}; available: " +
                string.Join(", ", found.Select(f => f.Version).Distinct().Order().Select(v => v.ToNormalizedString())));

        using var buffer = new MemoryStream();
        if (!pick.Resource.CopyNupkgToStreamAsync(id, pick.Version, buffer, cache, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult())
            throw new QatHostException($"{id} {pick.Version}: could not download it from {pick.Source.Source}");
        return (buffer.ToArray(), pick.Source.Source);
    }

    // A plugin package must not carry what the host provides: two copies of them in one process do not work.
    private static void CheckFiles(PackageArchiveReader reader, string label)
    {
        var shipped = reader.GetFiles().Select(Path.GetFileName).Where(f => SharedAssemblies.IsShared(f!))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (shipped.Count > 0)
            throw new QatHostException($"{label}: not installed: the package ships its own {string.Join(", ", shipped)}; {SharedAssemblies.Advice}");
    }

    // The host installs no dependencies: a plugin carries its own libraries and gets the SDK, TorchSharp and
    // LibTorch from the host, whose SDK version must suit the one the plugin was built against.
    private static void CheckDependencies(PackageArchiveReader reader, string label)
    {
        var host = PluginManifest.CurrentSdkVersion;
        foreach (var dependency in reader.GetPackageDependencies().SelectMany(g => g.Packages))
        {
            if (string.Equals(dependency.Id, "QatHost.Sdk", StringComparison.OrdinalIgnoreCase))
            {
                if (dependency.VersionRange.MinVersion is { } min && !PluginManifest.IsCompatible(new Version(min.Major, min.Minor), host))
                    throw new QatHostException($"{label}: not installed: built against QatHost.Sdk {min.Major}.{min.Minor}, " +
                        $"this host provides {host.ToString(2)}; rebuild it against QatHost.Sdk {host.ToString(2)}");
            }
            else if (dependency.Id.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase)
                  || dependency.Id.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase))
            {
                throw new QatHostException($"{label}: not installed: it depends on {dependency.Id}; {SharedAssemblies.Advice}");
            }
            else
            {
                throw new QatHostException($"{label}: not installed: it depends on package {dependency.Id}, and qathost installs no " +
                    "dependencies; pack the libraries the plugin needs into the plugin package (docs/plugins.md)");
            }
        }
    }

    private static (NuGetFramework, List<string>) LibraryFiles(PackageArchiveReader reader, string label)
    {
        var groups = reader.GetLibItems().ToList();
        var host = NuGetFramework.Parse("net10.0");
        var nearest = new FrameworkReducer().GetNearest(host, groups.Select(g => g.TargetFramework));
        if (nearest is null)
            throw new QatHostException($"{label}: not a QatHost plugin package: it has no lib/ folder for .NET 10 " +
                $"(it has {(groups.Count == 0 ? "none" : string.Join(", ", groups.Select(g => g.TargetFramework.GetShortFolderName())))})");
        return (nearest, groups.First(g => g.TargetFramework == nearest).Items.ToList());
    }
}
