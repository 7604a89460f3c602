namespace QatHost.Sdk.Plugins;

/// <summary>
/// Marks an assembly as a QatHost plugin and names it. The host loads only assemblies that carry it:
/// <code>[assembly: QatHostPlugin("Clipping", Namespace = "Acme.Qat")]</code>
/// </summary>
/// <remarks>
/// <para>What the plugin provides is found by convention, so there is nothing else to register (see
/// <see cref="PluginManifest"/>): every public static method of a public static class in the plugin that
/// returns a <see cref="Transforms.Transform"/> is a transform, known by <c>Class.Method</c>
/// (<c>Clipping.Symmetric</c>); every public class implementing <see cref="Hardware.IHardwareTargetProvider"/>
/// with a public parameterless constructor lists hardware targets.</para>
/// <para>The SDK version the plugin was built against is the version of <c>QatHost.Sdk</c> the plugin
/// assembly references, which the compiler records; the host refuses a plugin built against another major
/// version (or, before 1.0, another minor version) or a newer SDK than its own.</para>
/// <para>A plugin folder ships no copy of the SDK, TorchSharp or LibTorch: the host provides them, so a
/// tensor or module from a plugin is the host's type. Reference the SDK with <c>Private="false"</c>
/// (project) or <c>ExcludeAssets="runtime;native"</c> (package).</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class QatHostPluginAttribute : Attribute
{
    /// <summary>Declares the plugin.</summary>
    /// <param name="name">The plugin's name as <c>qathost plugins</c> lists it, e.g. <c>"Transforms"</c>;
    /// by convention also its folder name.</param>
    public QatHostPluginAttribute(string name) => Name = name;

    /// <summary>The plugin's name, e.g. <c>"Transforms"</c>.</summary>
    public string Name { get; }

    /// <summary>The namespace scripts import so that they can call the plugin's classes unqualified,
    /// e.g. <c>"QatHost.Transforms"</c>. Defaults to the assembly's name.</summary>
    public string? Namespace { get; init; }
}
