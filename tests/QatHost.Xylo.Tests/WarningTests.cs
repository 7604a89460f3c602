using QatHost.Sdk.Dsl;
using QatHost.Sdk.Hardware;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;

namespace QatHost.Xylo.Tests;

/// <summary>Warnings are shown with the mapping and never stop it.</summary>
public class WarningTests
{
    [Fact]
    public void Time_constants_that_are_not_whole_bit_shifts_and_uncapped_spikes_warn_but_map()
    {
        using var net = Networks.Notebook();

        var spec = Xylo.Map(net);

        spec.Warnings.ShouldContain(w => w.ToString() ==
            "1_LIFTorch: bitshift_decay_rounding: deploys as dash_mem 4, a decay of 1 - 2^-4 per step (tau 15.495 ms); train with leakMode: LeakMode.Bitshifts and whole dashes to match (measured tau_mem 20 ms -> dash_mem 4.322, limit whole bit shifts)");
        spec.Warnings.ShouldContain(w => w.ToString() ==
            "4_LIFTorch: spike_cap: the chip emits at most 1 spike(s) per step from an output neuron; train with maxSpikesPerDt: 1 to match (measured maxSpikesPerDt 65536, limit 1)");
        spec.Warnings.ShouldAllBe(w => w.Severity == ViolationSeverity.Warning, string.Join("\n", spec.Warnings));
        spec.Report().ShouldContain("warning: 4_LIFTorch: spike_cap");
    }

    [Fact]
    public void A_network_trained_for_the_chip_maps_without_warnings()
    {
        torch.manual_seed(13);
        using var net = Sequential(LinearTorch(2, 4), LIFTorch(4, leakMode: QatHost.Sdk.Engine.LeakMode.Bitshifts, dashMem: 4.0, dashSyn: 2.0, maxSpikesPerDt: 31),
            LinearTorch(4, 1), LIFTorch(1, leakMode: QatHost.Sdk.Engine.LeakMode.Bitshifts, dashMem: 4.0, dashSyn: 2.0, maxSpikesPerDt: 1));

        var spec = Xylo.Map(net);

        spec.Warnings.ShouldBeEmpty();
        spec.DashMem.ShouldAllBe(d => d == 4);
    }

    [Fact]
    public void Activity_transforms_warn_that_the_chip_does_not_apply_them()
    {
        using var net = Networks.FeedForward(14, 2, 3, 1);
        net.Module("1").Activity().Apply(new Halve());

        var spec = Xylo.Map(net);

        spec.Warnings.ShouldContain(w => w.Rule == "activity_transforms_not_deployed" && w.ModulePath == "1_LIFTorch");
    }

    private sealed class Halve() : QatHost.Sdk.Transforms.Transform("Halve")
    {
        public override torch.Tensor Forward(torch.Tensor value, QatHost.Sdk.Transforms.TransformContext context) => value / 2;
    }
}
