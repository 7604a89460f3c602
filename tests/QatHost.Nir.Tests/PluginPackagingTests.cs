namespace QatHost.Nir.Tests;

/// <summary>The plugin ships PureHDF in its own folder and nothing the host provides.</summary>
public class PluginPackagingTests
{
    [Fact]
    public void The_plugin_build_output_holds_purehdf_and_no_sdk_torchsharp_or_libtorch_file()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "QatHost.sln"))) root = root.Parent;
        var outputs = Directory.GetDirectories(Path.Combine(root!.FullName, "plugins/Nir/QatHost.Nir/bin"), "net10.0", SearchOption.AllDirectories);

        outputs.ShouldNotBeEmpty();
        foreach (var output in outputs)
        {
            var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
            files.ShouldContain("PureHDF.dll");
            files.ShouldContain("QatHost.Nir.dll");
            foreach (var file in files) file.ShouldNotMatch(@"^(QatHost\.Sdk|TorchSharp).*\.dll$|^lib.*\.so$");
        }
    }
}
