using QatHost.Xylo.Simulation;

namespace QatHost.Xylo.Tests;

/// <summary>Each primitive of the fast simulator against the literal reference of <see cref="ReferenceXylo"/>,
/// over many random values, and whole networks against the reference.</summary>
public class PrimitivePropertyTests
{
    [Fact]
    public void Decay_equals_the_literal_rule_for_every_16_bit_value_and_dash()
    {
        for (int d = 0; d <= 15; d++)
            for (int v = short.MinValue; v <= short.MaxValue; v += 7)
                XyloArithmetic.Decay(v, d).ShouldBe(v - ReferenceXylo.D(v, d), $"v = {v}, d = {d}");
    }

    [Fact]
    public void Vectorised_decay_equals_scalar_decay_with_mixed_dashes()
    {
        var r = new Random(11);
        var values = Enumerable.Range(0, 1003).Select(_ => r.Next(short.MinValue, short.MaxValue + 1)).ToArray();
        var dashes = Enumerable.Range(0, 1003).Select(_ => r.Next(0, 16)).ToArray();
        var expected = values.Select((v, i) => v - ReferenceXylo.D(v, dashes[i])).ToArray();

        XyloArithmetic.Decay(values, dashes);

        values.ShouldBe(expected);
    }

    [Fact]
    public void Saturation_clamps_to_the_16_bit_range()
    {
        var r = new Random(5);
        for (int i = 0; i < 100_000; i++)
        {
            int x = r.Next(-200_000, 200_000);
            XyloArithmetic.Sat16(x).ShouldBe(ReferenceXylo.Sat16(x));
        }
    }

    [Theory]
    [InlineData(XyloNeuronModel.V2)]
    [InlineData(XyloNeuronModel.V1)]
    public void Vectorised_membrane_update_equals_the_literal_update(XyloNeuronModel model)
    {
        var r = new Random(17);
        int n = 517;
        int[] S(int lo, int hi) => Enumerable.Range(0, n).Select(_ => r.Next(lo, hi)).ToArray();
        var v = S(-32768, 32768);
        var i1 = S(-32768, 32768);
        var i2 = S(-32768, 32768);
        var dash = S(0, 16);
        var bias = model == XyloNeuronModel.V2 ? S(-32768, 32768) : new int[n];
        var expected = v.Select((x, k) => model == XyloNeuronModel.V2
            ? ReferenceXylo.Sat16(x + ReferenceXylo.Sat16(ReferenceXylo.Sat16(-ReferenceXylo.D(x, dash[k]) + (long)i1[k] + i2[k]) + bias[k]))
            : ReferenceXylo.Sat16(x - ReferenceXylo.D(x, dash[k]) + (long)i1[k] + i2[k])).ToArray();

        XyloArithmetic.Integrate(v, dash, i1, i2, bias, model);

        v.ShouldBe(expected);
    }

    [Fact]
    public void Version_1_and_2_differ_only_at_saturation_as_spec_8_3_says()
    {
        int[] v2 = [-30000], v1 = [-30000];

        XyloArithmetic.Integrate(v2, [4], [32767], [32233], [0], XyloNeuronModel.V2);
        XyloArithmetic.Integrate(v1, [4], [32767], [32233], [0], XyloNeuronModel.V1);

        v2[0].ShouldBe(2767);
        v1[0].ShouldBe(32767);
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(2, 1, true)]
    [InlineData(3, 2, true)]
    [InlineData(4, 2, false)]
    [InlineData(5, 1, true)]
    public void Whole_networks_match_the_literal_reference_including_saturation_and_alias_order(int seed, int nsyn, bool aliases)
    {
        var config = Configs.Random(seed, 5, 24, 3, nsyn, aliases, target: nsyn == 2 && seed == 4 ? XyloTarget.XyloV1 : null);
        var input = Configs.RandomInput(seed + 100, 60, 5);
        if (config.Target == XyloTarget.XyloV1) config = WithoutBias(config);

        var fast = Xylo.Simulator(config).Evolve(input, record: true);
        var (output, spikes, vmem) = new ReferenceXylo(config).Run(input);

        fast.Record["Spikes"].ShouldBe(spikes);
        fast.Record["Vmem"].ShouldBe(vmem);
        fast.Output.ShouldBe(output);
        spikes.Cast<int>().Max().ShouldBe(31, "the random network should reach the hidden spike cap");
    }

    private static XyloConfig WithoutBias(XyloConfig c) => Configs.Make(c.WeightsIn, c.WeightsRec, c.WeightsOut, c.DashMem, c.DashSyn,
        c.Threshold, c.DashMemOut, c.DashSynOut, c.ThresholdOut, c.Aliases, null, c.DashSyn2, c.WeightShiftIn, c.WeightShiftRec,
        c.WeightShiftOut, XyloTarget.XyloV1);
}
