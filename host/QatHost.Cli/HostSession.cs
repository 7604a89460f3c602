using System.CommandLine;
using QatHost.Cli.Rendering;
using QatHost.Scripting;
using TorchSharp;

namespace QatHost.Cli;

/// <summary>What a command runs with: the global options applied (seed, plugins), the script environment
/// and the compilation cache.</summary>
public sealed class HostSession
{
    private HostSession(bool verbose, ScriptEnvironment environment, CompilationCache? cache)
    {
        Verbose = verbose;
        Environment = environment;
        Cache = cache;
        Diagnostics = new DiagnosticRenderer(verbose);
    }

    /// <summary>True with <c>--verbose</c>.</summary>
    public bool Verbose { get; }

    /// <summary>What scripts compile against.</summary>
    public ScriptEnvironment Environment { get; }

    /// <summary>The on-disk compilation cache, or null when it is switched off.</summary>
    public CompilationCache? Cache { get; }

    /// <summary>Prints diagnostics for this session.</summary>
    public DiagnosticRenderer Diagnostics { get; }

    /// <summary>Applies the global options. Returns null (after printing why) when they are unusable.</summary>
    public static HostSession Open(ParseResult parsed, GlobalOptions options)
    {
        if (parsed.GetValue(options.Seed) is { } seed) torch.manual_seed(seed);
        return new HostSession(parsed.GetValue(options.Verbose), new ScriptEnvironment([]), OpenCache());
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
