using System.IO.Compression;
using QatHost.Host.Tests.Support;
using QatHost.Plugins;
using QatHost.Sdk;
using QatHost.Sdk.Plugins;

namespace QatHost.Host.Tests.Plugins;

/// <summary><c>qathost plugins add/remove</c> underneath: plugin packages are checked, staged, loaded as the host
/// would, and only then installed; the refusals say why. Packages are written here as NuGet lays them out.</summary>
public class PluginInstallerTests
{
    private static readonly string Sdk = PluginManifest.CurrentSdkVersion.ToString(3);

    [Fact]
    public void A_plugin_package_installs_into_its_folder_with_a_record_of_where_it_came_from_and_loads()
    {
        string feed = TemporaryFolder.Create("feed"), plugins = TemporaryFolder.Create("user-plugins");
        string package = Pack(feed, "AcmeClipping", "1.2.3", PluginFiles("AcmeClipping"), sdkDependency: Sdk);

        var installed = PluginInstaller.Install("AcmeClipping", source: feed, folder: plugins);

        installed.ShouldBe(new InstalledPlugin("AcmeClipping", "1.2.3", feed, Path.Combine(plugins, "AcmeClipping")));
        PluginInstaller.Installed(plugins).ShouldBe([installed]);
        File.Exists(Path.Combine(plugins, "AcmeClipping", "AcmeClipping.dll")).ShouldBeTrue();
        Directory.GetDirectories(plugins).Select(Path.GetFileName).ShouldBe(["AcmeClipping"]); // no staging left
        var catalog = PluginCatalog.Load([new PluginSource(plugins, PluginInstaller.UserOrigin)]);
        catalog.Failures.ShouldBeEmpty();
        catalog.Loaded.Single().Manifest.Name.ShouldBe("AcmeClipping");
        File.Exists(package).ShouldBeTrue();
    }

    [Fact]
    public void A_nupkg_path_installs_and_replaces_an_installed_version_then_remove_deletes_it()
    {
        string feed = TemporaryFolder.Create("feed"), plugins = TemporaryFolder.Create("user-plugins");
        string first = Pack(feed, "AcmeClipping", "1.0.0", PluginFiles("AcmeClipping"), sdkDependency: Sdk);
        string second = Pack(feed, "AcmeClipping", "1.1.0", PluginFiles("AcmeClipping"), sdkDependency: Sdk);

        PluginInstaller.Install(first, folder: plugins);
        PluginInstaller.Install(second, folder: plugins).Version.ShouldBe("1.1.0");

        PluginInstaller.Installed(plugins).Single().ShouldBe(new InstalledPlugin("AcmeClipping", "1.1.0", second, Path.Combine(plugins, "AcmeClipping")));
        PluginInstaller.Remove("acmeclipping", plugins).Version.ShouldBe("1.1.0");
        PluginInstaller.Installed(plugins).ShouldBeEmpty();
        Directory.Exists(Path.Combine(plugins, "AcmeClipping")).ShouldBeFalse();
    }

    [Fact]
    public void By_id_the_highest_stable_version_is_taken_unless_one_is_asked_for()
    {
        string feed = TemporaryFolder.Create("feed"), plugins = TemporaryFolder.Create("user-plugins");
        foreach (string v in new[] { "1.0.0", "1.2.0", "2.0.0-beta" })
            Pack(feed, "AcmeClipping", v, PluginFiles("AcmeClipping"), sdkDependency: Sdk);

        PluginInstaller.Install("AcmeClipping", source: feed, folder: plugins).Version.ShouldBe("1.2.0");
        PluginInstaller.Install("AcmeClipping", source: feed, version: "1.0.0", folder: plugins).Version.ShouldBe("1.0.0");
        Should.Throw<QatHostException>(() => PluginInstaller.Install("AcmeClipping", source: feed, version: "3.0.0", folder: plugins))
            .Message.ShouldBe($"AcmeClipping: no version 3.0.0 in {feed}; available: 1.0.0, 1.2.0, 2.0.0-beta");
    }

    [Fact]
    public void A_package_that_ships_torchsharp_or_the_sdk_is_refused_and_nothing_is_installed()
    {
        string feed = TemporaryFolder.Create("feed"), plugins = TemporaryFolder.Create("user-plugins");
        var files = PluginFiles("AcmeClipping");
        files["lib/net10.0/TorchSharp.dll"] = [1, 2, 3];
        files["runtimes/linux-x64/native/libtorch_cpu.so"] = [1, 2, 3];
        string package = Pack(feed, "AcmeClipping", "1.0.0", files, sdkDependency: Sdk);

        var error = Should.Throw<QatHostException>(() => PluginInstaller.Install(package, folder: plugins));

        error.Message.ShouldBe($"AcmeClipping 1.0.0: not installed: the package ships its own TorchSharp.dll, libtorch_cpu.so; {SharedAssemblies.Advice}");
        Directory.GetDirectories(plugins).ShouldBeEmpty();
    }

    [Fact]
    public void A_package_depending_on_torchsharp_or_another_package_is_refused()
    {
        string feed = TemporaryFolder.Create("feed"), plugins = TemporaryFolder.Create("user-plugins");
        string torch = Pack(feed, "AcmeClipping", "1.0.0", PluginFiles("AcmeClipping"), sdkDependency: Sdk, other: ("TorchSharp-cpu", "0.107.0"));
        string other = Pack(feed, "AcmeClipping", "2.0.0", PluginFiles("AcmeClipping"), sdkDependency: Sdk, other: ("Newtonsoft.Json", "13.0.3"));

        Should.Throw<QatHostException>(() => PluginInstaller.Install(torch, folder: plugins)).Message
            .ShouldBe($"AcmeClipping 1.0.0: not installed: it depends on TorchSharp-cpu; {SharedAssemblies.Advice}");
        Should.Throw<QatHostException>(() => PluginInstaller.Install(other, folder: plugins)).Message
            .ShouldStartWith("AcmeClipping 2.0.0: not installed: it depends on package Newtonsoft.Json, and qathost installs no dependencies");
    }

    [Fact]
    public void A_package_built_against_an_incompatible_sdk_is_refused_with_the_reason()
    {
        string feed = TemporaryFolder.Create("feed"), plugins = TemporaryFolder.Create("user-plugins");
        var host = PluginManifest.CurrentSdkVersion;
        string package = Pack(feed, "AcmeClipping", "1.0.0", PluginFiles("AcmeClipping"), sdkDependency: $"{host.Major + 1}.0.0");

        Should.Throw<QatHostException>(() => PluginInstaller.Install(package, folder: plugins)).Message.ShouldBe(
            $"AcmeClipping 1.0.0: not installed: built against QatHost.Sdk {host.Major + 1}.0, this host provides {host.ToString(2)}; " +
            $"rebuild it against QatHost.Sdk {host.ToString(2)}");
    }

    [Fact]
    public void A_package_whose_assembly_the_host_cannot_load_is_refused_with_the_catalogs_reason()
    {
        string feed = TemporaryFolder.Create("feed"), plugins = TemporaryFolder.Create("user-plugins");
        // The dependency claims a compatible SDK, but the assembly was built against another one.
        string package = Pack(feed, "WrongSdkVersion", "1.0.0", PluginFiles("WrongSdkVersion"), sdkDependency: Sdk);

        var error = Should.Throw<QatHostException>(() => PluginInstaller.Install(package, folder: plugins));

        error.Message.ShouldStartWith("WrongSdkVersion 1.0.0: not installed: plugin not loaded: built against QatHost.Sdk");
        Directory.GetDirectories(plugins).ShouldBeEmpty();
    }

    [Fact]
    public void A_package_without_an_assembly_named_like_it_is_not_a_plugin_package()
    {
        string feed = TemporaryFolder.Create("feed"), plugins = TemporaryFolder.Create("user-plugins");
        string package = Pack(feed, "Acme.Other", "1.0.0", PluginFiles("AcmeClipping"), sdkDependency: Sdk);

        Should.Throw<QatHostException>(() => PluginInstaller.Install(package, folder: plugins)).Message.ShouldBe(
            "Acme.Other 1.0.0: not a QatHost plugin package: lib/net10.0/ has no Acme.Other.dll (the plugin's assembly must be named like the package)");
    }

    [Fact]
    public void Unknown_packages_and_plugins_are_errors_naming_what_exists()
    {
        string feed = TemporaryFolder.Create("feed"), plugins = TemporaryFolder.Create("user-plugins");
        Pack(feed, "AcmeClipping", "1.0.0", PluginFiles("AcmeClipping"), sdkDependency: Sdk);
        PluginInstaller.Install("AcmeClipping", source: feed, folder: plugins);

        Should.Throw<QatHostException>(() => PluginInstaller.Install("Acme.Missing", source: feed, folder: plugins)).Message
            .ShouldBe($"Acme.Missing: no such package in {feed}");
        Should.Throw<QatHostException>(() => PluginInstaller.Remove("Acme.Missing", plugins)).Message
            .ShouldBe($"no installed plugin named Acme.Missing in {plugins}; installed: AcmeClipping");
    }

    // The fixture plugin's assembly as a package's lib/net10.0/ folder.
    private static Dictionary<string, byte[]> PluginFiles(string fixture)
    {
        string folder = FixturePlugins.Folder(fixture);
        return new() { [$"lib/net10.0/{fixture}.dll"] = File.ReadAllBytes(Path.Combine(folder, fixture, fixture + ".dll")) };
    }

    private static string Pack(string feed, string id, string version, Dictionary<string, byte[]> files, string sdkDependency,
        (string Id, string Version)? other = null)
    {
        string path = Path.Combine(feed, $"{id}.{version}.nupkg");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        string extra = other is { } o ? $"<dependency id=\"{o.Id}\" version=\"{o.Version}\" />" : "";
        Write(zip, $"{id}.nuspec", System.Text.Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{version}</version>
                <authors>Acme</authors>
                <description>test plugin</description>
                <dependencies>
                  <group targetFramework="net10.0">
                    <dependency id="QatHost.Sdk" version="{sdkDependency}" exclude="Runtime,Native,Build,Analyzers" />
                    {extra}
                  </group>
                </dependencies>
              </metadata>
            </package>
            """));
        foreach (var (name, bytes) in files) Write(zip, name, bytes);
        return path;
    }

    private static void Write(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }
}
