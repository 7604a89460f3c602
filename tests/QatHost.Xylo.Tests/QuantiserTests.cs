using QatHost.Sdk.Hardware;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;

namespace QatHost.Xylo.Tests;

/// <summary>Quantisation (Xylo spec 7): notebook parity and the fixes of Rockpool's defects 4-7.</summary>
public class QuantiserTests
{
    [Fact]
    public void Global_quantisation_reproduces_the_deploy_notebooks_integers()
    {
        using var net = Networks.Notebook();

        var config = Xylo.Quantise(Xylo.Map(net), QuantiseMethod.Global);

        config.Threshold.ShouldBe([95, 95, 95, 95, 954, 954, 954, 954]);
        config.ThresholdOut.ShouldBe([106, 106]);
        config.DashMem.Concat(config.DashSyn).Concat(config.DashMemOut).Concat(config.DashSynOut).ShouldAllBe(d => d == 4);
        Enumerable.Range(0, 8).Select(j => config.WeightsIn[0, j, 0]).ShouldBe([-74, 113, 111, 21, 0, 0, 0, 0]);
        Enumerable.Range(0, 8).Select(j => config.WeightsIn[1, j, 0]).ShouldBe([126, -111, -127, 31, 0, 0, 0, 0]);
        Enumerable.Range(4, 4).Select(r => new[] { config.WeightsOut[r, 0], config.WeightsOut[r, 1] })
            .ShouldBe([[-90, -127], [-12, 68], [-18, -99], [-24, 45]]);
        (config.WeightShiftIn, config.WeightShiftRec, config.WeightShiftOut).ShouldBe((0, 0, 0));
    }

    [Fact]
    public void Per_channel_quantisation_gives_every_driven_neuron_a_largest_weight_of_127()
    {
        using var net = Networks.Notebook();

        var config = Xylo.Quantise(Xylo.Map(net));

        for (int h = 0; h < config.Nhid; h++)
        {
            int m = 0;
            for (int c = 0; c < 2; c++) m = Math.Max(m, Math.Abs(config.WeightsIn[c, h, 0]));
            for (int i = 0; i < 8; i++) m = Math.Max(m, Math.Abs(config.WeightsRec[i, h, 0]));
            m.ShouldBe(127, $"hidden neuron {h}");
        }
    }

    [Fact]
    public void Output_biases_use_the_output_scale()
    {
        torch.manual_seed(7);
        using var net = Sequential(LinearTorch(2, 3), LIFTorch(3, bias: 0.25), LinearTorch(3, 1), LIFTorch(1, bias: 0.5));
        var spec = Xylo.Map(net);

        var config = Xylo.Quantise(spec, QuantiseMethod.Global);

        double mOut = Math.Max(spec.WeightsOut.Cast<double>().Max(Math.Abs), 0.5);
        config.BiasOut[0].ShouldBe((int)Math.Round(0.5 * 127 / mOut));
    }

    [Fact]
    public void Per_channel_quantisation_scales_hidden_biases_of_single_synapse_neurons()
    {
        torch.manual_seed(8);
        using var net = Sequential(LinearTorch(2, 3), LIFTorch(3, bias: 0.5), LinearTorch(3, 1), LIFTorch(1));
        var spec = Xylo.Map(net);

        var config = Xylo.Quantise(spec);

        for (int h = 0; h < 3; h++)
        {
            double m = Math.Max(Math.Abs(spec.WeightsIn[0, h, 0]), Math.Abs(spec.WeightsIn[1, h, 0]));
            config.Bias[h].ShouldBe((int)Math.Round(0.5 * 127 / m));
            config.Bias[h].ShouldNotBe(0);
        }
    }

    [Fact]
    public void Thresholds_beyond_16_bits_shrink_only_their_own_group_without_double_rounding()
    {
        torch.manual_seed(9);
        using var net = Sequential(LinearTorch(2, 3), LIFTorch(3, hasRec: true), LinearTorch(3, 1), LIFTorch(1, threshold: 800.0));
        var spec = Xylo.Map(net);
        var unlimited = Xylo.Quantise(Xylo.Map(Rebuilt(net)), QuantiseMethod.Global);

        var config = Xylo.Quantise(spec, QuantiseMethod.Global);

        config.ThresholdOut[0].ShouldBe(32767);
        config.WeightsRec.Cast<int>().ShouldBe(unlimited.WeightsRec.Cast<int>());
        double r = 32767 / 800.0;
        for (int i = 0; i < 3; i++) config.WeightsOut[i, 0].ShouldBe((int)Math.Round(spec.WeightsOut[i, 0] * r));
        config.Quantisation.Notes.ShouldContain(n => n.What == "scale reduced" && n.ModulePath == "3_LIFTorch");
    }

    [Fact]
    public void Fuzzy_scaling_clips_outliers_and_reports_them_instead_of_wrapping()
    {
        torch.manual_seed(10);
        using var net = Sequential(LinearTorch(2, 8, weight: Enumerable.Range(0, 16).Select(i => i == 5 ? 3f : 0.1f * ((i % 3) - 1) + 0.05f).ToArray()),
            LIFTorch(8), LinearTorch(8, 1), LIFTorch(1));

        var config = Xylo.Quantise(Xylo.Map(net), QuantiseMethod.GlobalFuzzy);

        config.WeightsIn.Cast<int>().Max().ShouldBe(127);
        config.Quantisation.Notes.ShouldContain(n => n.What == "weights clipped to -128..127" && n.ModulePath == "1_LIFTorch");
    }

    [Fact]
    public void Weights_that_round_to_zero_are_reported_per_layer()
    {
        using var net = Sequential(LinearTorch(2, 2, weight: new float[] { 1f, 0.001f, -1f, 0.5f }), LIFTorch(2), LinearTorch(2, 1, weight: new float[] { 1f, 1f }), LIFTorch(1));

        var config = Xylo.Quantise(Xylo.Map(net), QuantiseMethod.Global);

        config.Quantisation.Notes.ShouldContain(new Quantisation.QuantisationNote("1_LIFTorch", "weights rounded to 0", "1 of 4 (largest |value| 0.001)"));
    }

    [Fact]
    public void Weight_shift_scales_thresholds_up_but_leaves_room_for_a_full_spike_burst()
    {
        using var net = Networks.Notebook();

        var config = Xylo.Quantise(Xylo.Map(net), QuantiseMethod.Global, weightShift: true);

        (config.WeightShiftIn, config.WeightShiftRec, config.WeightShiftOut).ShouldBe((0, 0, 7));
        config.ThresholdOut[0].ShouldBe((int)Math.Round(Networks.ScaleOut * 128));
    }

    [Fact]
    public void A_threshold_that_rounds_below_1_is_an_error_naming_the_layer()
    {
        using var net = Sequential(LinearTorch(2, 2, weight: new float[] { 100f, 1f, -1f, 1f }), LIFTorch(2, threshold: 0.001),
            LinearTorch(2, 1), LIFTorch(1));

        var error = Should.Throw<DesignRuleException>(() => Xylo.Quantise(Xylo.Map(net), QuantiseMethod.Global));

        error.Message.ShouldBe("XyloAudio2: quantising: 1 design rule error(s):\n  1_LIFTorch: threshold_in_range: thresholds must be 1..32767: " +
            "a threshold below 1 fires 31 spikes every step (measured 0 (threshold of hidden neuron 0) (2 neurons), limit 1..32767)");
    }

    private static QatHost.Sdk.Engine.Sequential Rebuilt(QatHost.Sdk.Engine.Sequential net)
    {
        var copy = (QatHost.Sdk.Engine.Sequential)net.Copy();
        ((QatHost.Sdk.Engine.LIFTorch)copy[3]).SetParameter("threshold", torch.tensor(1f));
        return copy;
    }
}
