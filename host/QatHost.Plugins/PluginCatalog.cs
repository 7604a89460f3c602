using System.Reflection;
using McMaster.NETCore.Plugins;
using QatHost.Sdk;
using QatHost.Sdk.Plugins;

namespace QatHost.Plugins;

/// <summary>
/// Finds and loads plugins: one folder per plugin (<c>&lt;Name&gt;/&lt;Name&gt;.dll</c>) in each source folder,
/// each in its own load context with the SDK and TorchSharp shared. A plugin that cannot be used (no
/// assembly, ships shared files, wrong SDK version, corrupt, throws while loading, provides a name another
/// plugin already provides) becomes a <see cref="PluginFailure"/>; the others load regardless.
/// </summary>
public sealed class PluginCatalog
{
    /// <summary>The environment variable listing extra plugin folders, separated like <c>PATH</c>.</summary>
    public const string EnvironmentVariable = "QATHOST_PLUGINS";

    private readonly List<LoadedPlugin> loaded = [];
    private readonly List<PluginFailure> failures = [];

    private PluginCatalog() { }

    /// <summary>The plugins that loaded, in search order.</summary>
    public IReadOnlyList<LoadedPlugin> Loaded => loaded;

    /// <summary>The plugins that did not load, with why.</summary>
    public IReadOnlyList<PluginFailure> Failures => failures;

    /// <summary>The folders searched, in order: <c>plugins</c> beside the executable, each <c>--plugins</c>
    /// folder, then each folder in <see cref="EnvironmentVariable"/>.</summary>
    public static IReadOnlyList<PluginSource> Sources(string executableFolder, IEnumerable<string> commandLineFolders,
        string? environmentValue) =>
    [
        new(Path.Combine(executableFolder, "plugins"), "beside the executable"),
        .. commandLineFolders.Select(f => new PluginSource(Path.GetFullPath(f), "--plugins")),
        .. (environmentValue ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => new PluginSource(Path.GetFullPath(f), EnvironmentVariable)),
    ];

    /// <summary>Loads every plugin found in <paramref name="sources"/>. A folder named twice is searched once;
    /// the folder beside the executable may be absent, any other missing folder is a failure.</summary>
    public static PluginCatalog Load(IEnumerable<PluginSource> sources)
    {
        var catalog = new PluginCatalog();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(source.Folder));
            if (!seen.Add(folder)) continue;
            if (!Directory.Exists(folder))
            {
                if (source.Origin != "beside the executable")
                    catalog.failures.Add(new PluginFailure(folder, $"plugin folder does not exist (from {source.Origin})"));
                continue;
            }
            if (LayoutProblem(folder, source) is { } problem)
            {
                catalog.failures.Add(new PluginFailure(folder, problem));
                continue;
            }
            foreach (string pluginFolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
                catalog.LoadOne(pluginFolder);
        }
        return catalog;
    }

    /// <summary>How plugin folders are laid out, as messages say it.</summary>
    public const string ExpectedLayout = "a plugins folder holds one sub-folder per plugin, DIR/<Name>/<Name>.dll";

    // A plugin's build output (bin/Release/net10.0) given as the folder would otherwise be skipped without a
    // word; so would a folder named on the command line that holds nothing.
    private static string? LayoutProblem(string folder, PluginSource source)
    {
        var assemblies = Directory.GetFiles(folder, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (assemblies.Count > 0)
        {
            string name = Path.GetFileName(folder);
            if (assemblies.Contains(name + ".dll", StringComparer.Ordinal))
                return $"plugins not loaded from this folder (from {source.Origin}): it is the folder of plugin {name} itself, " +
                    $"but {ExpectedLayout}; pass the folder above it ({Path.GetDirectoryName(folder)})";
            var own = assemblies.Where(f => !SharedAssemblies.IsShared(f!)).ToList();
            var named = (own.Count > 0 ? own : assemblies).Take(3).ToList();
            string example = Path.GetFileNameWithoutExtension(named[0])!;
            return $"plugins not loaded from this folder (from {source.Origin}): it holds assemblies directly " +
                $"({string.Join(", ", named)}{(assemblies.Count > named.Count ? ", ..." : "")}), but {ExpectedLayout}; " +
                $"put the plugin in {Path.Combine(folder, example, example + ".dll")} or pass the folder above such sub-folders";
        }
        if (source.Origin == "--plugins" && !Directory.EnumerateDirectories(folder).Any())
            return $"no plugins in this folder (from --plugins): it has no sub-folders, and {ExpectedLayout}";
        return null;
    }

    private void LoadOne(string folder)
    {
        string name = Path.GetFileName(folder);
        string file = Path.Combine(folder, name + ".dll");
        if (!File.Exists(file))
        {
            failures.Add(new PluginFailure(folder, $"no plugin here: expected {name}.dll in this folder"));
            return;
        }
        var shipped = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName).Where(f => SharedAssemblies.IsShared(f!)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (shipped.Count > 0)
        {
            failures.Add(new PluginFailure(file, $"plugin not loaded: its folder ships its own {string.Join(", ", shipped)}; {SharedAssemblies.Advice}"));
            return;
        }
        try
        {
            var assembly = PluginLoader.CreateFromAssemblyFile(file, [.. SharedAssemblies.Types],
                config => config.PreferSharedTypes = true).LoadDefaultAssembly();
            if (Incompatibility(assembly) is { } reason)
            {
                failures.Add(new PluginFailure(file, reason));
                return;
            }
            var plugin = new LoadedPlugin(file, assembly, PluginManifest.Read(assembly));
            if (Conflict(plugin) is { } conflict) failures.Add(new PluginFailure(file, conflict));
            else loaded.Add(plugin);
        }
        catch (BadImageFormatException e)
        {
            failures.Add(new PluginFailure(file, $"plugin not loaded: not a valid .NET assembly ({e.Message})", e));
        }
        catch (QatHostException e)
        {
            failures.Add(new PluginFailure(file, e.Message, e));
        }
        catch (Exception e)
        {
            var cause = Unwrap(e);
            failures.Add(new PluginFailure(file, $"plugin not loaded: it threw while loading: {cause.GetType().Name}: {FirstLine(cause.Message)}", e));
        }
    }

    private static string? Incompatibility(Assembly assembly)
    {
        var built = PluginManifest.ReferencedSdkVersion(assembly);
        var host = PluginManifest.CurrentSdkVersion;
        return built is null || PluginManifest.IsCompatible(built, host)
            ? null
            : $"plugin not loaded: built against QatHost.Sdk {built.ToString(2)}, this host provides {host.ToString(2)}; rebuild it against QatHost.Sdk {host.ToString(2)}";
    }

    private string? Conflict(LoadedPlugin plugin)
    {
        foreach (var other in loaded)
        {
            if (string.Equals(other.Manifest.Name, plugin.Manifest.Name, StringComparison.OrdinalIgnoreCase))
                return $"plugin not loaded: a plugin named {plugin.Manifest.Name} is already loaded from {other.File}";
            if (plugin.Manifest.Transforms.Intersect(other.Manifest.Transforms).FirstOrDefault() is { } transform)
                return $"plugin not loaded: transform {transform} is already provided by plugin {other.Manifest.Name} ({other.File})";
            var targets = other.Manifest.HardwareTargets.Select(t => t.Name);
            if (plugin.Manifest.HardwareTargets.Select(t => t.Name).Intersect(targets).FirstOrDefault() is { } target)
                return $"plugin not loaded: hardware target {target} is already provided by plugin {other.Manifest.Name} ({other.File})";
        }
        return null;
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or TypeInitializationException && e.InnerException is not null) e = e.InnerException;
        return e;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');
}
