using System.Reflection;

namespace QatHost.Scripting;

/// <summary>A loaded plugin as scripts see it: its assembly is referenced and its namespace imported.</summary>
/// <param name="Name">The plugin's name, e.g. <c>Transforms</c>.</param>
/// <param name="Assembly">The plugin assembly, loaded in its own context with the SDK and TorchSharp shared.</param>
/// <param name="Namespace">The namespace scripts import, e.g. <c>QatHost.Transforms</c>.</param>
public sealed record ScriptPlugin(string Name, Assembly Assembly, string Namespace);
