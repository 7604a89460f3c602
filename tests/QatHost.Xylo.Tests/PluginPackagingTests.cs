using QatHost.Sdk.Hardware;

namespace QatHost.Xylo.Tests;

/// <summary>The plugin ships alone: the host provides the SDK, TorchSharp and LibTorch.</summary>
public class PluginPackagingTests
{
    [Fact]
    public void The_plugin_build_output_holds_no_sdk_torchsharp_or_libtorch_file()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "QatHost.sln"))) root = root.Parent;
        var outputs = Directory.GetDirectories(Path.Combine(root!.FullName, "plugins/Xylo/QatHost.Xylo/bin"), "net10.0", SearchOption.AllDirectories);

        outputs.ShouldNotBeEmpty();
        foreach (var file in outputs.SelectMany(o => Directory.GetFiles(o, "*", SearchOption.AllDirectories)).Select(Path.GetFileName))
            file.ShouldNotMatch(@"^(QatHost\.Sdk|TorchSharp).*\.dll$|^lib.*\.so$");
    }

    [Fact]
    public void The_provider_lists_the_four_targets_with_the_numbers_of_spec_section_2()
    {
        var targets = new XyloTargets().Targets.Cast<XyloTarget>().ToList();

        targets.Select(t => (t.Name, t.HiddenNeurons, t.OutputNeurons, t.SynapsesPerHiddenNeuron, t.InputExpansionNeurons, t.OutputExpansionNeurons, t.MaxFanOut, t.HasBias))
            .ShouldBe([
                ("XyloV1", 1000, 8, 2, (int?)null, (int?)null, (int?)null, false),
                ("XyloAudio2", 1000, 8, 2, null, null, 64, true),
                ("XyloAudio3", 992, 32, 1, 128, 128, 1024, true),
                ("XyloIMU", 496, 16, 1, 128, 128, 512, true)]);
        targets.ShouldAllBe(t => t.InputChannels == 16 && t.MaxInputEvents == 15);
        XyloTarget.XyloIMU.RecurrentWeightsPerBank.ShouldBe(31_744);
        ((IHardwareTarget)XyloTarget.XyloAudio2).Limits.ShouldContain(new HardwareLimit("recurrent fan-out per hidden neuron", "64", "spec 2"));
    }
}
