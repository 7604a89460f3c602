using System.Reflection;
using System.Runtime.CompilerServices;
using QatHost.Sdk.Hardware;
using QatHost.Sdk.Transforms;

namespace QatHost.Sdk.Plugins;

/// <summary>
/// What a plugin assembly declares and provides, read the way the host reads it. Plugin authors can call
/// <see cref="Read"/> in their own tests to check what <c>qathost plugins</c> will list.
/// </summary>
/// <param name="Name">The name from <see cref="QatHostPluginAttribute"/>.</param>
/// <param name="Namespace">The namespace scripts import.</param>
/// <param name="Version">The plugin assembly's version.</param>
/// <param name="SdkVersion">The QatHost.Sdk version the plugin was compiled against.</param>
/// <param name="Transforms">Transform factories by the name scripts call them, e.g. <c>Clipping.Symmetric</c>.</param>
/// <param name="HardwareTargets">The hardware targets of the plugin's <see cref="IHardwareTargetProvider"/>s.</param>
public sealed record PluginManifest(
    string Name, string Namespace, Version Version, Version SdkVersion,
    IReadOnlyList<string> Transforms, IReadOnlyList<IHardwareTarget> HardwareTargets)
{
    /// <summary>The SDK's own version, which plugins are checked against.</summary>
    public static Version CurrentSdkVersion { get; } = typeof(PluginManifest).Assembly.GetName().Version!;

    /// <summary>The version of QatHost.Sdk that <paramref name="assembly"/> references, or null when it
    /// references none. Reading it loads nothing, so it is safe before the version is checked.</summary>
    public static Version? ReferencedSdkVersion(Assembly assembly) => assembly.GetReferencedAssemblies()
        .FirstOrDefault(a => a.Name == typeof(PluginManifest).Assembly.GetName().Name)?.Version;

    /// <summary>True when a plugin built against <paramref name="built"/> runs on <paramref name="host"/>:
    /// same major version (same minor before 1.0), and not newer than the host.</summary>
    public static bool IsCompatible(Version built, Version host) =>
        built.Major == host.Major && (host.Major > 0 || built.Minor == host.Minor) && built <= host;

    /// <summary>
    /// Reads the plugin's declaration and what it provides. This runs the plugin's module initializer and
    /// the static constructors of its transform classes and creates its target providers, so a plugin that
    /// throws does so here, while loading, not in the middle of a script.
    /// </summary>
    /// <exception cref="QatHostException">The assembly has no <see cref="QatHostPluginAttribute"/> or does not
    /// reference the SDK.</exception>
    public static PluginManifest Read(Assembly assembly)
    {
        var sdk = ReferencedSdkVersion(assembly)
            ?? throw new QatHostException("not a QatHost plugin: the assembly does not reference QatHost.Sdk");
        var declaration = assembly.GetCustomAttribute<QatHostPluginAttribute>()
            ?? throw new QatHostException("not a QatHost plugin: the assembly has no [assembly: QatHostPlugin(\"Name\")] attribute");
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);

        var types = assembly.GetExportedTypes();
        var transforms = new List<string>();
        foreach (var type in types.Where(t => t.IsClass && t.IsAbstract && t.IsSealed))
        {
            var factories = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => typeof(Transform).IsAssignableFrom(m.ReturnType)).Select(m => $"{type.Name}.{m.Name}")
                .Distinct().ToList();
            if (factories.Count == 0) continue;
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            transforms.AddRange(factories);
        }
        var targets = types
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IHardwareTargetProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(t => ((IHardwareTargetProvider)Activator.CreateInstance(t)!).Targets)
            .ToList();
        return new PluginManifest(declaration.Name, declaration.Namespace ?? assembly.GetName().Name!,
            assembly.GetName().Version ?? new Version(0, 0), sdk, transforms, targets);
    }
}
