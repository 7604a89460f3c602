using QatHost.Sdk.Data;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using TorchSharp;

namespace QatHost.Xylo.Tests;

/// <summary>Xylo.Divergence: float, fake-quantised and chip side by side.</summary>
public class DivergenceTests
{
    private static torch.Tensor Sparse(int steps, int channels, int seed, double p = 0.2)
    {
        torch.manual_seed(seed);
        return (torch.rand(steps, channels) < p).to_type(torch.ScalarType.Float32);
    }

    [Fact]
    public void A_prepared_network_follows_the_chip_until_integer_decay_separates_them()
    {
        using var net = ChipTrainingTests.Small(4);
        Xylo.PrepareForTraining(net);
        var config = Xylo.Quantise(Xylo.Map(net));
        using var floatNet = net.Copy();
        floatNet.RemoveTransforms();

        var report = Xylo.Divergence(floatNet, net, config, Sparse(40, 8, 1));

        report.Layers.Select(l => l.Module).ShouldBe(["1_LIFTorch", "2_TorchResidual/1_LIFTorch", "4_LIFTorch"]);
        var first = report.Layers[0];
        first.FirstDivergenceQuantised.ShouldNotBeNull();
        first.FirstDivergenceQuantised!.Value.ShouldBeGreaterThan(0);
        Math.Abs(first.SpikesQuantised - first.SpikesChip).ShouldBeLessThanOrEqualTo(0.1 * first.SpikesChip + 2);
        first.VmemErrorQuantised.ShouldBeLessThan(first.Threshold);
        report.ToString().ShouldContain("first divergence at step");
    }

    [Fact]
    public void Quantisation_that_is_exact_agrees_at_every_step()
    {
        // One input event at step 0; dash_mem 0 makes the membrane hold exactly the synaptic current, and the
        // hidden weights are powers of two times the scale, so the floor-shift decay is exact while it matters.
        using var net = ExactNetwork();
        Xylo.PrepareForTraining(net);
        var config = Xylo.Quantise(Xylo.Map(net));
        var input = torch.zeros(12, 2);
        input[0, 0] = 1;

        var report = Xylo.Divergence(net, net, config, input);

        report.Layers.ShouldAllBe(l => l.AgreementQuantised == 1 && l.FirstDivergenceQuantised == null);
        report.FirstDivergence.ShouldBeNull();
        report.Layers[0].SpikesChip.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_mis_scaled_threshold_diverges_at_the_first_step_the_neuron_is_driven()
    {
        using var net = ExactNetwork();
        Xylo.PrepareForTraining(net);
        var config = Xylo.Quantise(Xylo.Map(net));
        var lif = (LIFTorch)((Sdk.Pipeline.Wrapper)net.Module("1")).Layer;
        lif.SetParameter("threshold", lif.FindAttribute("threshold").Tensor * 4);   // the network no longer matches its config
        var input = torch.zeros(12, 2);
        input[5, 0] = 1;

        var report = Xylo.Divergence(net, net, config, input);

        report.Layers[0].FirstDivergenceQuantised.ShouldBe(5);
        report.FirstDivergence.ShouldBe(5);
        report.StepTable(5, 1).ShouldContain("*");
    }

    [Fact]
    public void Classification_agreement_is_counted_over_the_dataset()
    {
        using var net = ChipTrainingTests.Small(4);
        Xylo.PrepareForTraining(net);
        var config = Xylo.Quantise(Xylo.Map(net));
        using var data = Tasks.FrozenNoise(classes: 3, channels: 8, steps: 30, samples: 30, seed: 2);

        var report = Xylo.Divergence(net, net, config, data.Sample(0), data);

        var c = report.Classification!;
        c.Samples.ShouldBe(30);
        c.QuantisedAccuracy.ShouldBe(c.FloatAccuracy);
        c.QuantisedChipAgreement.ShouldBeInRange(0, 1);
        c.ToString().ShouldStartWith("accuracy over 30 samples: float ");
    }

    private static Sequential ExactNetwork()
    {
        torch.manual_seed(1);
        return Builders.Sequential(
            Builders.LinearTorch(2, 2, weight: new float[] { 1f, 0.5f, 0.25f, 1f }),
            Builders.LIFTorch(2, leakMode: LeakMode.Bitshifts, dashMem: new[] { 0.0, 0.0 }, dashSyn: new[] { 1.0, 1.0 },
                threshold: new[] { 0.3, 0.3 }),
            Builders.LinearTorch(2, 1, weight: new float[] { 1f, 1f }),
            Builders.LIFTorch(1, leakMode: LeakMode.Bitshifts, dashMem: 0.0, dashSyn: 1.0, threshold: 0.5));
    }
}
