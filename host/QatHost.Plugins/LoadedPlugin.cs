using System.Reflection;
using QatHost.Sdk.Plugins;

namespace QatHost.Plugins;

/// <summary>A plugin the host loaded: its file, assembly and what it provides.</summary>
/// <param name="File">The plugin's main assembly, <c>&lt;folder&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c>.</param>
/// <param name="Assembly">The assembly, in the plugin's own load context with the SDK and TorchSharp shared.</param>
/// <param name="Manifest">Its name, namespace, versions, transforms and hardware targets.</param>
public sealed record LoadedPlugin(string File, Assembly Assembly, PluginManifest Manifest);
