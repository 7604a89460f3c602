using System.CommandLine;
using QatHost.Cli.Rendering;
using QatHost.Plugins;
using QatHost.Scripting;
using QatHost.Scripting.Diagnostics;
using QatHost.Sdk.Hosting;

namespace QatHost.Cli;

/// <summary>What a command runs with: the global options applied (seed, plugins), the script environment
/// and the compilation cache.</summary>
public sealed class HostSession
{
    private HostSession(bool verbose, IReadOnlyList<PluginSource> sources, PluginCatalog plugins, CompilationCache? cache)
    {
        PluginSources = sources;
        Verbose = verbose;
        Plugins = plugins;
        Cache = cache;
        Diagnostics = new DiagnosticRenderer(verbose);
        Results = new ResultRenderer(verbose);
        Environment = new ScriptEnvironment(plugins.Loaded
            .Select(p => new ScriptPlugin(p.Manifest.Name, p.Assembly, p.Manifest.Namespace)).ToList());
    }

    /// <summary>True with <c>--verbose</c>.</summary>
    public bool Verbose { get; }

    /// <summary>The folders searched for plugins, in order.</summary>
    public IReadOnlyList<PluginSource> PluginSources { get; }

    /// <summary>The plugins found, loaded or not.</summary>
    public PluginCatalog Plugins { get; }

    /// <summary>What scripts compile against: the SDK and the loaded plugins.</summary>
    public ScriptEnvironment Environment { get; }

    /// <summary>The on-disk compilation cache, or null when it is switched off.</summary>
    public CompilationCache? Cache { get; }

    /// <summary>Prints diagnostics for this session.</summary>
    public DiagnosticRenderer Diagnostics { get; }

    /// <summary>Prints results and verbose notes for this session.</summary>
    public ResultRenderer Results { get; }

    /// <summary>Plugin failures as diagnostics, one per plugin.</summary>
    public IEnumerable<ScriptDiagnostic> PluginErrors => Plugins.Failures.Select(f =>
        new ScriptDiagnostic(Severity.Error, f.Reason, Subject: f.Path, StackTrace: f.Exception?.ToString()));

    /// <summary>Applies the global options: seeds, loads plugins. Returns null, after printing why, when a
    /// <c>--plugins</c> folder does not exist.</summary>
    public static HostSession? Open(ParseResult parsed, GlobalOptions options)
    {
        bool verbose = parsed.GetValue(options.Verbose);
        string[] folders = parsed.GetValue(options.Plugins) ?? [];
        var missing = folders.Where(f => !Directory.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            new DiagnosticRenderer(verbose).CommandLineErrors(missing.Select(f => $"--plugins {f}: folder does not exist"));
            return null;
        }
        if (parsed.GetValue(options.Seed) is { } seed) RandomSource.SetSeed(seed);
        if (!Sweeps.TrialThreads.Apply(verbose)) return null;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sources = PluginCatalog.Sources(AppContext.BaseDirectory, folders,
            System.Environment.GetEnvironmentVariable(PluginCatalog.EnvironmentVariable));
        // Plugins installed with `qathost plugins add`, searched last (when the folder exists).
        string userPlugins = PluginInstaller.UserFolder();
        if (Directory.Exists(userPlugins)) sources = [.. sources, new PluginSource(userPlugins, PluginInstaller.UserOrigin)];
        var session = new HostSession(verbose, sources, PluginCatalog.Load(sources), OpenCache());
        session.Results.Verbose($"loaded {session.Plugins.Loaded.Count} plugin(s) in {clock.ElapsedMilliseconds} ms");
        return session;
    }

    // QATHOST_CACHE names the folder; "off" disables caching. Default: the user's cache folder.
    private static CompilationCache? OpenCache()
    {
        string? configured = System.Environment.GetEnvironmentVariable("QATHOST_CACHE");
        if (string.Equals(configured, "off", StringComparison.OrdinalIgnoreCase)) return null;
        if (!string.IsNullOrEmpty(configured)) return new CompilationCache(Path.GetFullPath(configured));
        string? xdg = System.Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrEmpty(xdg) ? xdg
            : OperatingSystem.IsWindows() ? System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData)
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache");
        return new CompilationCache(Path.Combine(root, "qathost", "scripts"));
    }
}
