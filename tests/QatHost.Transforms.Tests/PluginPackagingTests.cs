using System.Reflection;
using System.Xml.Linq;
using QatHost.Sdk.Transforms;

namespace QatHost.Transforms.Tests;

/// <summary>The Transforms plugin is built the way the host loads plugins: compiled against the SDK alone, shipping
/// no SDK, TorchSharp or LibTorch, exposing static factories that return <see cref="Transform"/>, documented.</summary>
public class PluginPackagingTests
{
    private static readonly Assembly Plugin = typeof(Rounding).Assembly;

    private static string PluginFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        string configuration = dir.Parent!.Name;   // bin/<Configuration>/net10.0
        while (!File.Exists(Path.Combine(dir.FullName, "QatHost.sln"))) dir = dir.Parent!;
        return Path.Combine(dir.FullName, "plugins", "Transforms", "QatHost.Transforms", "bin", configuration, "net10.0");
    }

    [Fact]
    public void The_plugin_output_holds_no_sdk_torchsharp_or_libtorch_file()
    {
        var files = Directory.GetFiles(PluginFolder(), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray();

        files.ShouldContain("QatHost.Transforms.dll");
        files.ShouldNotContain("QatHost.Sdk.dll");
        files.ShouldNotContain("TorchSharp.dll");
        files.ShouldAllBe(f => !f!.EndsWith(".so") && !f.EndsWith(".dylib") && !f.Contains("torch", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_plugin_references_only_the_sdk_torchsharp_and_the_runtime()
    {
        var references = Plugin.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        references.ShouldContain("QatHost.Sdk");
        references.ShouldAllBe(r => r == "QatHost.Sdk" || r == "TorchSharp" || r.StartsWith("System") || r == "netstandard");
    }

    [Fact]
    public void Every_public_type_is_a_factory_class_or_an_option_enum()
    {
        var types = Plugin.GetExportedTypes();

        types.ShouldAllBe(t => t.IsEnum || (t.IsAbstract && t.IsSealed));
        types.Where(t => !t.IsEnum).SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .ShouldAllBe(m => m.ReturnType == typeof(Transform));
    }

    [Fact]
    public void Every_public_member_has_xml_documentation()
    {
        var documented = XDocument.Load(Path.Combine(PluginFolder(), "QatHost.Transforms.xml"))
            .Descendants("member").Where(m => m.Element("summary") is not null)
            .Select(m => m.Attribute("name")!.Value).ToHashSet();

        foreach (var type in Plugin.GetExportedTypes())
        {
            documented.ShouldContain($"T:{type.FullName}");
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
                documented.ShouldContain(d => d.StartsWith($"M:{type.FullName}.{method.Name}"), $"{type.Name}.{method.Name}");
            if (type.IsEnum)
                foreach (var name in Enum.GetNames(type)) documented.ShouldContain($"F:{type.FullName}.{name}");
        }
    }

    [Fact]
    public void The_plugin_project_does_not_import_the_native_runtime_targets()
    {
        string project = File.ReadAllText(Path.Combine(PluginFolder(), "..", "..", "..", "QatHost.Transforms.csproj"));

        project.ShouldNotContain("TorchSharpNative.targets");
    }
}
