using QatHost.Host.Tests.Support;
using QatHost.Plugins;

namespace QatHost.Host.Tests.Plugins;

/// <summary>A folder given to <c>--plugins</c> that is not laid out as DIR/&lt;Name&gt;/&lt;Name&gt;.dll is reported with
/// the layout expected, never skipped without a word.</summary>
public class PluginFolderLayoutTests
{
    private static PluginCatalog Load(string folder, string origin = "--plugins") =>
        PluginCatalog.Load([new PluginSource(folder, origin)]);

    [Fact]
    public void A_build_output_folder_holding_the_plugin_dll_directly_says_where_the_dll_belongs()
    {
        string root = FixturePlugins.Folder("AcmeClipping");
        string output = Path.Combine(TemporaryFolder.Create("build"), "net10.0");
        Directory.Move(Path.Combine(root, "AcmeClipping"), output);

        var catalog = Load(output);

        catalog.Loaded.ShouldBeEmpty();
        var failure = catalog.Failures.ShouldHaveSingleItem();
        failure.Path.ShouldBe(output);
        failure.Reason.ShouldBe("plugins not loaded from this folder (from --plugins): it holds assemblies directly " +
            "(AcmeClipping.dll), but a plugins folder holds one sub-folder per plugin, DIR/<Name>/<Name>.dll; put the " +
            $"plugin in {output}/AcmeClipping/AcmeClipping.dll or pass the folder above such sub-folders");
    }

    [Fact]
    public void A_plugins_own_folder_given_as_the_plugins_folder_says_to_pass_its_parent()
    {
        string root = FixturePlugins.Folder("AcmeClipping");

        var catalog = Load(Path.Combine(root, "AcmeClipping"), PluginCatalog.EnvironmentVariable);

        catalog.Loaded.ShouldBeEmpty();
        catalog.Failures.ShouldHaveSingleItem().Reason.ShouldBe(
            "plugins not loaded from this folder (from QATHOST_PLUGINS): it is the folder of plugin AcmeClipping itself, " +
            $"but a plugins folder holds one sub-folder per plugin, DIR/<Name>/<Name>.dll; pass the folder above it ({root})");
    }

    [Fact]
    public void An_empty_plugins_folder_from_the_command_line_says_it_holds_no_plugins()
    {
        string empty = TemporaryFolder.Create("plugins");

        var catalog = Load(empty);

        catalog.Failures.ShouldHaveSingleItem().Reason.ShouldBe("no plugins in this folder (from --plugins): it has no " +
            "sub-folders, and a plugins folder holds one sub-folder per plugin, DIR/<Name>/<Name>.dll");
    }

    [Fact]
    public void An_empty_folder_from_the_environment_is_an_install_location_not_yet_used_and_not_an_error()
    {
        Load(TemporaryFolder.Create("plugins"), PluginCatalog.EnvironmentVariable).Failures.ShouldBeEmpty();
    }

    [Fact]
    public void Plugins_command_with_a_folder_that_yields_nothing_says_why_and_exits_1()
    {
        string empty = TemporaryFolder.Create("plugins");

        var result = QatHostProcess.Run("plugins", "--plugins", empty);

        result.ExitCode.ShouldBe(1);
        result.OutputLines.ShouldContain("Not loaded");
        result.OutputLines.ShouldContain($"  {empty}: no plugins in this folder (from --plugins): it has no sub-folders, " +
                                         "and a plugins folder holds one sub-folder per plugin, DIR/<Name>/<Name>.dll");
    }
}
