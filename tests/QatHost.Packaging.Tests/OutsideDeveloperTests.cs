using System.Text.RegularExpressions;

namespace QatHost.Packaging.Tests;

/// <summary>
/// Issue 13, end to end, from a temporary folder outside the repository: the packages an outside developer gets,
/// the qathost tool installed from them, a plugin made from the template, built, packed, installed, used by a
/// script and removed, and a console app on the QatHost.Sdk package evolving a network without the host.
/// </summary>
public sealed class OutsideDeveloperTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    [Fact]
    public void The_feed_holds_each_package_with_what_it_should_carry()
    {
        foreach (var (id, _) in PackedFeed.Packages)
            File.Exists(feed.Package(id)).ShouldBeTrue($"{feed.Package(id)} was not packed");

        // The SDK: metadata, docs, the GLIBCXX fix for whoever references it, and TorchSharp as its only dependency.
        string sdk = feed.Nuspec("QatHost.Sdk");
        sdk.ShouldContain("<license type=\"expression\">");
        sdk.ShouldContain("<readme>README.md</readme>");
        sdk.ShouldNotContain("Package Description");
        Regex.Matches(sdk, "<dependency id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ShouldBe(["TorchSharp-cpu"]);
        sdk.ShouldNotContain("exclude=\"Runtime"); // a console app referencing the SDK gets TorchSharp's runtime
        feed.Entries("QatHost.Sdk").ShouldContain("lib/net10.0/QatHost.Sdk.xml");
        feed.Entries("QatHost.Sdk").ShouldContain("buildTransitive/QatHost.Sdk.targets");
        File.Exists(Path.Combine(feed.Feed, $"QatHost.Sdk.{feed.Version}.snupkg")).ShouldBeTrue("no symbols package");

        // Plots are their own package, so plugin builds do not pull ScottPlot in.
        feed.Nuspec("QatHost.Plotting").ShouldContain("id=\"ScottPlot\"");

        // Plugin packages: the plugin's assembly, a dependency on the SDK, nothing of the host's.
        foreach (string plugin in new[] { "QatHost.Transforms", "QatHost.Xylo" })
        {
            feed.Entries(plugin).ShouldContain($"lib/net10.0/{plugin}.dll");
            feed.Entries(plugin).ShouldNotContain(e => e.EndsWith("TorchSharp.dll") || e.EndsWith("QatHost.Sdk.dll") || e.Contains("libtorch"));
            feed.Nuspec(plugin).ShouldContain("<dependency id=\"QatHost.Sdk\"");
        }

        // The tool: the host, every in-tree plugin, LibTorch for linux-x64.
        var tool = feed.Entries("qathost");
        tool.ShouldContain(e => e.EndsWith("/qathost.dll"));
        tool.ShouldContain(e => e.EndsWith("/plugins/QatHost.Transforms/QatHost.Transforms.dll"));
        tool.ShouldContain(e => e.EndsWith("/plugins/QatHost.Xylo/QatHost.Xylo.dll"));
        tool.ShouldContain(e => e.EndsWith("libLibTorchSharp.so"));
        tool.ShouldContain(e => e.EndsWith("libtorch_cpu.so"));
        tool.ShouldNotContain(e => e.Contains("/plugins/") && (e.EndsWith("TorchSharp.dll") || e.EndsWith("QatHost.Sdk.dll")));
    }

    [Fact]
    public void An_outside_developer_installs_the_tool_makes_a_plugin_installs_it_uses_it_and_removes_it()
    {
        var shell = feed.Shell;
        string tools = Path.Combine(feed.Root, "tools"), work = Path.Combine(feed.Root, "work");
        Directory.CreateDirectory(work);
        string qathost = Path.Combine(tools, "qathost");

        // The tool, from the feed; it runs the main example on this machine (Debian 12: GCC 12's libstdc++).
        shell.Dotnet("tool", "install", "qathost", "--tool-path", tools, "--add-source", feed.Feed, "--version", feed.Version);
        shell.Run(qathost, ["--version"]).Output.ShouldContain(feed.Version);
        var seed = shell.Run(qathost, ["run", Path.Combine(Shell.RepositoryRoot, "scripts/seed-network.csx")], inFolder: work);
        seed.Output.ShouldNotBeEmpty();
        var listed = shell.Run(qathost, ["plugins"]).Output;
        listed.ShouldContain("Transforms");
        listed.ShouldContain("Xylo");

        // The template: a plugin project that builds, passes its tests and packs with no edits.
        shell.Dotnet("new", "install", feed.Package("QatHost.Templates"));
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="qathost-e2e" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);
        shell.Run("dotnet", ["new", "qathost-plugin", "-n", "Acme.Clipping"], inFolder: work);
        string plugin = Path.Combine(work, "Acme.Clipping");
        File.Exists(Path.Combine(plugin, "README.md")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(plugin, "src/Acme.Clipping/Acme.Clipping.csproj")).ShouldContain($"Version=\"{feed.Version}\"");
        var tests = shell.Run("dotnet", ["test"], inFolder: plugin);
        tests.Output.ShouldMatch(@"(?s)Passed!.*Failed:\s+0, Passed:\s+7");
        string pluginFeed = Path.Combine(feed.Root, "plugin-feed");
        shell.Run("dotnet", ["pack", "src/Acme.Clipping", "-c", "Release", "-o", pluginFeed], inFolder: plugin);

        // Installed from its feed into the per-user folder, listed with where it came from.
        shell.Run(qathost, ["plugins", "add", "Acme.Clipping", "--source", pluginFeed]).Output
            .ShouldContain($"Installed Acme.Clipping 0.1.0 from {pluginFeed}");
        var installed = shell.Run(qathost, ["plugins"]).Output;
        installed.ShouldContain("Acme.Clipping 0.1.0");
        installed.ShouldContain($"installed:  package Acme.Clipping 0.1.0 from {pluginFeed}");
        Directory.Exists(Path.Combine(feed.Root, "data/qathost/plugins/Acme.Clipping")).ShouldBeTrue();

        // A script clips the weights, burns the clipped values in and drops the wrapper.
        string script = Path.Combine(work, "clip.csx");
        File.WriteAllText(script, """
            var net = Sequential(LinearTorch(2, 2, weight: torch.tensor(new float[] { 0.5f, -0.05f, -0.3f, 0.02f }).reshape(2, 2)), LIFTorch(2));
            net.Param("weights").Apply(Clipping.Symmetric(0.1));
            Print(net.Transforms());
            net.BurnIn();
            net.RemoveTransforms();
            var w = net.Parameters("weights")["0_LinearTorch/weight"];
            Print("weights: " + string.Join(" ", w.data<float>().ToArray().Select(v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))));
            """);
        var run = shell.Run(qathost, ["run", script], inFolder: work);
        run.Output.ShouldContain("Clipping.Symmetric(limit: 0.1)");
        run.Output.ShouldContain("weights: 0.1 -0.05 -0.1 0.02");

        // Removed: no longer listed, and scripts no longer see it.
        shell.Run(qathost, ["plugins", "remove", "Acme.Clipping"]).Output.ShouldContain("Removed Acme.Clipping 0.1.0");
        shell.Run(qathost, ["plugins"]).Output.ShouldNotContain("Acme.Clipping");
        shell.Run(qathost, ["run", script], expectedExit: 1, inFolder: work).Error.ShouldContain("Clipping");
        shell.Run(qathost, ["plugins", "remove", "Acme.Clipping"], expectedExit: 1).Error
            .ShouldContain("no installed plugin named Acme.Clipping");
    }

    [Fact]
    public void A_console_app_referencing_the_sdk_package_evolves_a_network_without_the_host()
    {
        string app = Path.Combine(feed.Root, "console", "Evolve");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(feed.Root, "console", "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="qathost-e2e" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Evolve.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <!-- Copy only this platform's LibTorch. -->
                <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
                <SelfContained>false</SelfContained>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="QatHost.Sdk" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using static QatHost.Sdk.Dsl.Builders;
            using static TorchSharp.torch;

            manual_seed(1);
            var net = Sequential(LinearTorch(2, 4), LIFTorch(4), LinearTorch(4, 1), LIFTorch(1));
            var (output, _, record) = net.Evolve(ones(1, 20, 2) * 3, record: true);
            Console.WriteLine($"output {string.Join("x", output.shape)}");
            Console.WriteLine($"recorded {string.Join(",", record.Leaves().Select(l => l.Path).Order())}");
            Console.WriteLine(net);
            """);

        var run = feed.Shell.Run("dotnet", ["run"], inFolder: app);

        run.Output.ShouldContain("output 1x20x1");
        run.Output.ShouldContain("1_LIFTorch/vmem");
        run.Output.ShouldContain("LIFTorch");
    }
}
