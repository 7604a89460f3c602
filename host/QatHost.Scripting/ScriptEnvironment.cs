using System.Reflection;
using TorchSharp;

namespace QatHost.Scripting;

/// <summary>
/// What scripts compile against: the SDK, TorchSharp, the globals and each loaded plugin, with the default
/// imports. Scripts and the REPL share one environment, so they see the same names.
/// </summary>
public sealed class ScriptEnvironment
{
    // Namespaces scripts get without a using (.NET's implicit usings, the SDK, TorchSharp); SDK namespaces
    // that do not exist (yet) are left out.
    private static readonly string[] DefaultImports =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.IO", "System.Threading", "System.Threading.Tasks",
        "QatHost.Sdk", "QatHost.Sdk.Engine", "QatHost.Sdk.Trees", "QatHost.Sdk.Data", "QatHost.Sdk.Dsl",
        "QatHost.Sdk.Pipeline", "QatHost.Sdk.Plotting",
        "QatHost.Sdk.Transforms", "QatHost.Sdk.Training", "QatHost.Sdk.Hardware",
        "TorchSharp",
    ];

    // Static classes whose members scripts call unqualified: Sequential(...), LinearTorch(...).
    private static readonly string[] StaticImports = ["QatHost.Sdk.Dsl.Builders", "QatHost.Sdk.Training.Trainer"];

    /// <summary>Creates the environment for the given loaded plugins.</summary>
    public ScriptEnvironment(IReadOnlyList<ScriptPlugin> plugins)
    {
        Plugins = plugins;
        SdkAssembly = typeof(Sdk.Engine.Module).Assembly;
        PlottingAssembly = typeof(Sdk.Plotting.Plots).Assembly;
        // ScottPlot (and SkiaSharp, which its signatures name) so a script can build a figure and Show it.
        References = [SdkAssembly, PlottingAssembly, typeof(torch).Assembly, typeof(ScriptGlobals).Assembly,
            typeof(ScottPlot.Plot).Assembly, typeof(SkiaSharp.SKCanvas).Assembly, .. plugins.Select(p => p.Assembly)];
    }

    /// <summary>The plugins scripts reference.</summary>
    public IReadOnlyList<ScriptPlugin> Plugins { get; }

    /// <summary>The SDK assembly scripts compile against.</summary>
    public Assembly SdkAssembly { get; }

    /// <summary>The plots assembly (namespace <c>QatHost.Sdk.Plotting</c>), its own package so the SDK stays light.</summary>
    public Assembly PlottingAssembly { get; }

    /// <summary>Every assembly scripts reference beyond the framework.</summary>
    public IReadOnlyList<Assembly> References { get; }

    /// <summary>The namespaces and static classes imported into every script, plugin namespaces last.</summary>
    public IReadOnlyList<string> Imports()
    {
        var namespaces = SdkAssembly.GetExportedTypes().Concat(PlottingAssembly.GetExportedTypes()).Select(t => t.Namespace)
            .Concat(typeof(torch).Assembly.GetExportedTypes().Select(t => t.Namespace))
            .ToHashSet(StringComparer.Ordinal);
        return
        [
            .. DefaultImports.Where(n => n.StartsWith("System", StringComparison.Ordinal) || namespaces.Contains(n)),
            .. StaticImports.Where(t => SdkAssembly.GetType(t) is not null),
            .. Plugins.Select(p => p.Namespace).Distinct(StringComparer.Ordinal),
        ];
    }

    /// <summary>Identifies exactly what a compiled script was built against: the module version ids of the
    /// SDK, the globals and each plugin. A rebuilt SDK or plugin changes it, so no stale script runs.</summary>
    public string Fingerprint() => string.Join(";", References
        .Where(a => a != typeof(torch).Assembly)
        .Select(a => $"{a.GetName().Name}={a.ManifestModule.ModuleVersionId}")
        .Append($"TorchSharp={typeof(torch).Assembly.GetName().Version}")
        .Concat(Plugins.Select(p => $"import={p.Namespace}")));
}
