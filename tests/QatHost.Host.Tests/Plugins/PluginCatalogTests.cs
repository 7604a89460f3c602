using QatHost.Host.Tests.Support;
using QatHost.Plugins;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Host.Tests.Plugins;

/// <summary>Loading plugins in process: what loads, what is refused and why.</summary>
public class PluginCatalogTests
{
    private static PluginCatalog Load(string folder) =>
        PluginCatalog.Load([new PluginSource(folder, "--plugins")]);

    [Fact]
    public void A_third_party_plugin_loads_with_its_transforms_and_targets()
    {
        var catalog = Load(FixturePlugins.Folder("AcmeClipping"));

        catalog.Failures.ShouldBeEmpty();
        var plugin = catalog.Loaded.ShouldHaveSingleItem();
        plugin.Manifest.Name.ShouldBe("AcmeClipping");
        plugin.Manifest.Namespace.ShouldBe("Acme.Qat");
        plugin.Manifest.Version.ShouldBe(new Version(1, 2, 3, 0));
        plugin.Manifest.Transforms.ShouldBe(["Clipping.Symmetric"]);
        plugin.Manifest.HardwareTargets.Select(t => t.Name).ShouldBe(["AcmeChip"]);
    }

    [Fact]
    public void A_tensor_a_module_and_a_transform_from_a_plugin_are_the_hosts_types()
    {
        using var scope = NewDisposeScope();
        var plugin = Load(FixturePlugins.Folder("AcmeClipping")).Loaded.Single();
        var probe = plugin.Assembly.GetType("Acme.Qat.Probe")!;
        var clipping = plugin.Assembly.GetType("Acme.Qat.Clipping")!;

        object tensor = probe.GetMethod("Ones")!.Invoke(null, [4L])!;
        object module = probe.GetMethod("Layer")!.Invoke(null, null)!;
        object transform = clipping.GetMethod("Symmetric")!.Invoke(null, [0.5])!;

        tensor.ShouldBeAssignableTo<Tensor>();
        module.ShouldBeAssignableTo<LinearTorch>();
        var clipped = ((Transform)transform).Forward(ones(3) * 2, new TransformContext("0", "weight", "weights", false, null, 0));
        clipped.data<float>().ToArray().ShouldBe([0.5f, 0.5f, 0.5f]);
    }

    [Fact]
    public void A_plugin_that_throws_while_loading_is_reported_and_the_others_still_load()
    {
        string folder = FixturePlugins.Folder("AcmeClipping", "ThrowsOnLoad");

        var catalog = Load(folder);

        catalog.Loaded.Select(p => p.Manifest.Name).ShouldBe(["AcmeClipping"]);
        var failure = catalog.Failures.ShouldHaveSingleItem();
        failure.Path.ShouldBe(Path.Combine(folder, "ThrowsOnLoad", "ThrowsOnLoad.dll"));
        failure.Reason.ShouldBe("plugin not loaded: it threw while loading: InvalidOperationException: calibration table missing");
    }

    [Fact]
    public void A_plugin_folder_that_ships_its_own_TorchSharp_is_refused_saying_what_to_change()
    {
        var failure = Load(FixturePlugins.Folder("ShipsOwnTorchSharp")).Failures.ShouldHaveSingleItem();

        failure.Reason.ShouldBe(
            "plugin not loaded: its folder ships its own LibTorchSharp.dll, TorchSharp.dll, libLibTorchSharp.dylib, libLibTorchSharp.so; " +
            "the host provides QatHost.Sdk, TorchSharp and LibTorch; reference the SDK with Private=\"false\" " +
            "(project reference) or ExcludeAssets=\"runtime;native\" (package reference) so they are not copied");
    }

    [Fact]
    public void A_plugin_built_against_another_SDK_major_version_is_refused()
    {
        var failure = Load(FixturePlugins.Folder("WrongSdkVersion")).Failures.ShouldHaveSingleItem();

        failure.Reason.ShouldBe(
            "plugin not loaded: built against QatHost.Sdk 9.0, this host provides 0.1; rebuild it against QatHost.Sdk 0.1");
    }

    [Fact]
    public void A_corrupt_plugin_dll_is_reported_as_not_a_dotnet_assembly()
    {
        string folder = TemporaryFolder.Create("plugins");
        string file = FixturePlugins.AddCorrupt(folder);

        var failure = Load(folder).Failures.ShouldHaveSingleItem();

        failure.Path.ShouldBe(file);
        failure.Reason.ShouldStartWith("plugin not loaded: not a valid .NET assembly (");
    }

    [Fact]
    public void A_folder_without_its_plugin_dll_is_reported()
    {
        string folder = TemporaryFolder.Create("plugins");
        Directory.CreateDirectory(Path.Combine(folder, "Notes"));

        var failure = Load(folder).Failures.ShouldHaveSingleItem();

        failure.Path.ShouldBe(Path.Combine(folder, "Notes"));
        failure.Reason.ShouldBe("no plugin here: expected Notes.dll in this folder");
    }

    [Fact]
    public void An_assembly_that_does_not_use_the_SDK_is_not_a_plugin()
    {
        string folder = TemporaryFolder.Create("plugins");
        Directory.CreateDirectory(Path.Combine(folder, "Shouldly"));
        File.Copy(typeof(ShouldBeTestExtensions).Assembly.Location, Path.Combine(folder, "Shouldly", "Shouldly.dll"));

        var failure = Load(folder).Failures.ShouldHaveSingleItem();

        failure.Reason.ShouldBe("not a QatHost plugin: the assembly does not reference QatHost.Sdk");
    }

    [Fact]
    public void A_second_plugin_providing_the_same_transform_is_skipped_naming_the_first()
    {
        string folder = FixturePlugins.Folder("AcmeClipping", "DuplicateClipping");

        var catalog = Load(folder);

        catalog.Loaded.Select(p => p.Manifest.Name).ShouldBe(["AcmeClipping"]);
        catalog.Failures.ShouldHaveSingleItem().Reason.ShouldBe(
            $"plugin not loaded: transform Clipping.Symmetric is already provided by plugin AcmeClipping " +
            $"({Path.Combine(folder, "AcmeClipping", "AcmeClipping.dll")})");
    }

    [Fact]
    public void Plugin_folders_are_searched_beside_the_executable_then_on_the_command_line_then_in_the_environment()
    {
        var sources = PluginCatalog.Sources("/opt/qathost", ["/a"], $"/b{Path.PathSeparator}/c");

        sources.Select(s => (s.Folder, s.Origin)).ShouldBe(
        [
            ("/opt/qathost/plugins", "beside the executable"),
            ("/a", "--plugins"),
            ("/b", "QATHOST_PLUGINS"),
            ("/c", "QATHOST_PLUGINS"),
        ]);
    }
}
