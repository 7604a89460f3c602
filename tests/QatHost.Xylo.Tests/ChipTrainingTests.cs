using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Hardware;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;

namespace QatHost.Xylo.Tests;

/// <summary>Xylo.PrepareForTraining (Xylo spec 9): the prepared network computes with exactly the values the
/// quantised configuration holds, gradients still flow, and design rules fail at preparation.</summary>
public class ChipTrainingTests
{
    internal static Sequential Small(int seed, bool recurrent = false)
    {
        torch.manual_seed(seed);
        return Sequential(
            LinearTorch(8, 12),
            LIFTorch(12, leakMode: LeakMode.Bitshifts, dashMem: 3.3, dashSyn: 1.8),
            Residual(LinearTorch(12, 12), LIFTorch(12, hasRec: recurrent, leakMode: LeakMode.Bitshifts, dashMem: 2.0, dashSyn: 2.0)),
            LinearTorch(12, 3),
            LIFTorch(3, leakMode: LeakMode.Bitshifts, dashMem: 2.0, dashSyn: 1.0));
    }

    [Fact]
    public void Prepared_weights_and_thresholds_are_exactly_the_integers_of_the_configuration()
    {
        using var net = Small(3, recurrent: true);

        Xylo.PrepareForTraining(net, XyloTarget.XyloAudio2);
        var spec = Xylo.Map(net);
        var config = Xylo.Quantise(spec);

        var s = config.HiddenScales!;
        for (int c = 0; c < spec.Nin; c++)
            for (int h = 0; h < spec.Nien; h++)
                (spec.WeightsIn[c, h, 0] * s[h]).ShouldBe(config.WeightsIn[c, h, 0], 1e-3);
        for (int i = 0; i < spec.Nhid; i++)
            for (int h = 0; h < spec.Nhid; h++)
                (spec.WeightsRec[i, h, 0] * s[h]).ShouldBe(config.WeightsRec[i, h, 0], 1e-3);
        for (int h = 0; h < spec.Nhid; h++) (spec.Threshold[h] * s[h]).ShouldBe(config.Threshold[h], 2e-3 * config.Threshold[h]);
        for (int r = 0; r < spec.Noen; r++)
            for (int o = 0; o < spec.Nout; o++)
                (spec.WeightsOut[r, o] * config.OutputScales![o]).ShouldBe(config.WeightsOut[r, o], 1e-3);
        spec.DashMem.ShouldAllBe(d => d == Math.Round(d));
        config.Quantisation.Notes.ShouldBeEmpty();
    }

    [Fact]
    public void Preparation_caps_spikes_at_31_hidden_and_1_output()
    {
        using var net = Small(1);

        Xylo.PrepareForTraining(net);

        Cap(net, "1").ShouldBe(31f);
        Cap(net, "2/1").ShouldBe(31f);
        Cap(net, "4").ShouldBe(1f);
        Xylo.Map(net).Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Gradients_reach_every_raw_weight_through_the_fake_quantisation()
    {
        using var net = Small(2, recurrent: true);
        Xylo.PrepareForTraining(net);
        torch.manual_seed(5);
        var input = (torch.rand(2, 30, 8) < 0.3).to_type(torch.ScalarType.Float32) * 3;

        var output = net.Evolve(input).Output;
        (output.sum() + output.pow(2).sum()).backward();

        foreach (var p in net.TrainableParameters().Where(p => p.shape.Length == 2))
        {
            p.grad.ShouldNotBeNull();
            torch.isfinite(p.grad!).all().item<bool>().ShouldBeTrue();
            p.grad!.abs().sum().item<float>().ShouldBeGreaterThan(0f);
        }
    }

    [Fact]
    public void Taus_mode_trains_with_the_decay_the_chip_applies()
    {
        torch.manual_seed(1);
        using var net = Sequential(LinearTorch(4, 6), LIFTorch(6, tauMem: 20e-3, tauSyn: 5e-3), LinearTorch(6, 2), LIFTorch(2));

        Xylo.PrepareForTraining(net);
        var wrapper = (Sdk.Pipeline.Wrapper)net.Module("1");
        var tau = ((Sdk.Pipeline.TWrapper)wrapper.Wrapped).Evaluated("tau_mem");

        // round(log2(20)) = 4: the chip decays by 1 - 2^-4 per step, and so must exp(-dt / tau').
        Math.Exp(-1e-3 / tau.flatten()[0].item<float>()).ShouldBe(1 - Math.Pow(2, -4), 1e-6);
        Xylo.Quantise(Xylo.Map(net)).DashMem.ShouldAllBe(d => d == 4);
    }

    [Fact]
    public void A_network_the_chip_cannot_hold_is_refused_at_preparation_and_left_unchanged()
    {
        torch.manual_seed(1);
        using var net = Sequential(LinearTorch(20, 6, hasBias: true), LIFTorch(6), LinearTorch(6, 2), LIFTorch(2, hasRec: true));

        var error = Should.Throw<DesignRuleException>(() => Xylo.PrepareForTraining(net, XyloTarget.XyloAudio2));

        error.Message.ShouldBe(
            "XyloAudio2: mapping TorchSequential: 3 design rule error(s):\n" +
            "  0_LinearTorch: le_16_input_channels: XyloAudio 2 has 16 input channels (measured 20 input channels, limit 16)\n" +
            "  3_LIFTorch: output_neurons_cannot_be_recurrent: output neurons may not be recurrent: build the last LIFTorch layer with hasRec: false (measured recurrent, limit not recurrent)\n" +
            "  0_LinearTorch: weight_nodes_have_no_biases: Xylo weights have no bias, so it would be lost: build the LinearTorch with hasBias: false (use the LIF layer's bias instead) (measured hasBias: true, limit no bias)");
        net.Transforms().ToString().ShouldNotContain("Xylo");
        Cap(net, "1").ShouldBe(65536f);
    }

    [Fact]
    public void Preparing_twice_is_refused()
    {
        using var net = Small(1);
        Xylo.PrepareForTraining(net);

        var error = Should.Throw<Sdk.QatHostException>(() => Xylo.PrepareForTraining(net));

        error.Message.ShouldStartWith("TorchSequential: Xylo.PrepareForTraining was already called on this network");
    }

    private static float Cap(Module net, string path)
    {
        var node = net.Module(path);
        while (node is Sdk.Pipeline.Wrapper w) node = w.Wrapped;
        return node.FindAttribute("max_spikes_per_dt").Tensor.item<float>();
    }
}
