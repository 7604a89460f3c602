using QatHost.Host.Tests.Support;
using QatHost.Plugins;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>Plugins through the real CLI: --plugins, QATHOST_PLUGINS, the in-tree plugins, broken plugins.</summary>
public class PluginCommandTests
{
    private static string CliOutput => Path.GetDirectoryName(Repository.CliAssembly)!;

    [Fact]
    public void A_script_calls_a_third_party_plugin_transform_loaded_with_the_plugins_option()
    {
        string plugins = FixturePlugins.Folder("AcmeClipping");

        var result = QatHostProcess.Run("--plugins", plugins, "run", "tests/Fixtures/Scripts/UsesAcmeClipping/UsesAcmeClipping.csx");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldBe(
        [
            "Clipping.Symmetric(limit: 0.5)",
            "tensor float32 (2, 3)",
            "[[0.5, 0.5, 0.5],",
            " [0.5, 0.5, 0.5]]",
        ]);
    }

    [Fact]
    public void Plugins_in_the_QATHOST_PLUGINS_folders_are_loaded()
    {
        string plugins = FixturePlugins.Folder("AcmeClipping");

        var result = QatHostProcess.Run(["run", "tests/Fixtures/Scripts/UsesAcmeClipping/UsesAcmeClipping.csx"],
            environment: new Dictionary<string, string> { [PluginCatalog.EnvironmentVariable] = plugins });

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines[0].ShouldBe("Clipping.Symmetric(limit: 0.5)");
    }

    [Fact]
    public void Plugins_command_lists_each_loaded_plugin_and_each_failure_with_why()
    {
        string plugins = FixturePlugins.Folder("AcmeClipping", "ThrowsOnLoad");
        string corrupt = FixturePlugins.AddCorrupt(plugins);

        var result = QatHostProcess.Run("--plugins", plugins, "plugins");

        result.ExitCode.ShouldBe(1);
        var lines = result.OutputLines;
        lines.ShouldContain($"  AcmeClipping 1.2.3  {plugins}/AcmeClipping/AcmeClipping.dll");
        lines.ShouldContain("    namespace:  Acme.Qat (built against QatHost.Sdk 0.1)");
        lines.ShouldContain("    transforms: Clipping.Symmetric");
        lines.ShouldContain("    targets:    AcmeChip (Acme test chip)");
        lines.ShouldContain("Not loaded");
        lines.ShouldContain(l => l.StartsWith($"  {corrupt}: plugin not loaded: not a valid .NET assembly ("));
        lines.ShouldContain($"  {plugins}/ThrowsOnLoad/ThrowsOnLoad.dll: plugin not loaded: it threw while loading: " +
                            "InvalidOperationException: calibration table missing");
        lines.ShouldContain($"  {plugins} (--plugins)");
    }

    [Fact]
    public void Plugins_command_lists_the_in_tree_Transforms_plugin_from_a_normal_build()
    {
        var result = QatHostProcess.Run("plugins");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldContain(l => l.StartsWith("  Transforms ") && l.EndsWith("/plugins/QatHost.Transforms/QatHost.Transforms.dll"));
    }

    [Fact]
    public void In_tree_plugin_folders_ship_no_SDK_TorchSharp_or_LibTorch_file()
    {
        var folders = Directory.GetDirectories(Path.Combine(CliOutput, "plugins"));

        folders.ShouldNotBeEmpty();
        foreach (string folder in folders)
            Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName)
                .Where(f => SharedAssemblies.IsShared(f!)).ShouldBeEmpty($"{folder} ships a shared file");
    }

    [Fact]
    public void A_broken_plugin_is_reported_on_one_line_and_the_script_still_runs()
    {
        string plugins = FixturePlugins.Folder("ThrowsOnLoad");

        var result = QatHostProcess.Run("--plugins", plugins, "run", "scripts/hello.csx");

        result.ExitCode.ShouldBe(1);
        result.ErrorLines.ShouldBe([$"{plugins}/ThrowsOnLoad/ThrowsOnLoad.dll: error: plugin not loaded: it threw while " +
                                    "loading: InvalidOperationException: calibration table missing"]);
        result.OutputLines[^1].ShouldBe("output shape: 1 x 10 x 2");
    }

    [Fact]
    public void A_script_that_needs_a_failed_plugin_gets_a_compile_error_and_a_note_naming_the_plugin()
    {
        string plugins = FixturePlugins.Folder("ThrowsOnLoad");

        var result = QatHostProcess.Run("--plugins", plugins, "run", "tests/Fixtures/Scripts/UsesBrokenPlugin/UsesBrokenPlugin.csx");

        result.ExitCode.ShouldBe(1);
        result.ErrorLines.Skip(1).ShouldBe(
        [
            "tests/Fixtures/Scripts/UsesBrokenPlugin/UsesBrokenPlugin.csx:2:13: error CS0103: The name 'Calibrated' does not exist in the current context",
            "    2 | var scale = Calibrated.Scaled();",
            "      |             ^^^^^^^^^^",
            $"note: 1 plugin(s) failed to load (see above); names they provide are not available: {plugins}/ThrowsOnLoad/ThrowsOnLoad.dll",
        ]);
    }

    [Fact]
    public void A_plugins_folder_that_does_not_exist_exits_2_naming_it()
    {
        var result = QatHostProcess.Run("--plugins", "no/such/folder", "run", "scripts/hello.csx");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines[0].ShouldBe("qathost: error: --plugins no/such/folder: folder does not exist");
        result.Output.ShouldBeEmpty();
    }
}
