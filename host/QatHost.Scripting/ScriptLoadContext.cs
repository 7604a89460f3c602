using System.Reflection;
using System.Runtime.Loader;

namespace QatHost.Scripting;

/// <summary>
/// A collectible load context for compiled scripts and REPL submissions. It resolves plugin assemblies to
/// the instances the plugin loader already loaded, and everything else (SDK, TorchSharp, the framework)
/// from the default context, so a script shares every type with the host and its plugins. Unloading it
/// frees the compiled code.
/// </summary>
public sealed class ScriptLoadContext : AssemblyLoadContext
{
    private readonly Dictionary<string, Assembly> known;

    /// <summary>Creates a context that resolves the environment's plugins.</summary>
    public ScriptLoadContext(ScriptEnvironment environment) : base("qathost-script", isCollectible: true)
    {
        known = environment.Plugins.ToDictionary(p => p.Assembly.GetName().Name!, p => p.Assembly, StringComparer.Ordinal);
        // The runtime holds the context strongly until it unloads; a reference from here to one of its own
        // assemblies would then keep everything alive for ever.
        Unloading += _ => known.Clear();
    }

    /// <summary>Makes an assembly loaded here (an earlier REPL submission) resolvable by name.</summary>
    public void Register(Assembly assembly) => known[assembly.GetName().Name!] = assembly;

    /// <inheritdoc/>
    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name is { } name && known.TryGetValue(name, out var assembly) ? assembly : null;
}
