using QatHost.Sdk.Hardware;
using QatHost.Xylo.Simulation;

namespace QatHost.Xylo.Tests;

/// <summary>The worked examples of Xylo spec 8.7 and the simulator's recording and input rules.</summary>
public class SimulatorTests
{
    private static XyloConfig OneHiddenOneOutput() => Configs.Make(
        wIn: new int[1, 1, 1] { { { 100 } } }, wRec: new int[1, 1, 1], wOut: new int[1, 1] { { 50 } },
        dashMem: [2], dashSyn: [1], thr: [60], dashMemOut: [1], dashSynOut: [1], thrOut: [20]);

    [Theory]
    [InlineData(1, new[] { 5, 3, 2, 1, -1, -2, -3, -5 }, new[] { 3, 2, 1, 0, 0, -1, -1, -2 })]
    [InlineData(4, new[] { 100, 10, 1, -1, -10, -100, 32767, -32768 }, new[] { 94, 9, 0, 0, -9, -93, 30720, -30720 })]
    [InlineData(0, new[] { 100, -100 }, new[] { 0, 0 })]
    public void Decay_matches_the_worked_examples(int dash, int[] before, int[] after)
    {
        before.Select(v => XyloArithmetic.Decay(v, dash)).ShouldBe(after);

        var vector = before.Concat(before).Concat(before).ToArray();   // long enough for the vector path
        XyloArithmetic.Decay(vector, Enumerable.Repeat(dash, vector.Length).ToArray());
        vector.ShouldBe(after.Concat(after).Concat(after).ToArray());
    }

    [Fact]
    public void One_hidden_and_one_output_neuron_follow_the_worked_example_table()
    {
        var sim = Xylo.Simulator(OneHiddenOneOutput());

        var run = sim.Evolve(new int[,] { { 1 }, { 2 }, { 0 }, { 0 }, { 0 }, { 0 }, { 0 } }, record: true);

        Configs.Column(run.Record["Isyn"], 0).ShouldBe([50, 125, 63, 32, 16, 8, 4]);
        Configs.Column(run.Record["Vmem"], 0).ShouldBe([50, 43, 36, 59, 1, 8, 10]);
        Configs.Column(run.Record["Spikes"], 0).ShouldBe([0, 2, 1, 0, 1, 0, 0]);
        Configs.Column(run.Record["Isyn_out"], 0).ShouldBe([0, 0, 50, 50, 25, 38, 19]);
        Configs.Column(run.Record["Vmem_out"], 0).ShouldBe([0, 0, 30, 45, 28, 32, 15]);
        Configs.Column(run.Output, 0).ShouldBe([0, 0, 1, 1, 1, 1, 1]);
    }

    [Theory]
    [InlineData(0, new[] { 25, 31 }, new[] { 4, 194 })]
    [InlineData(1, new[] { 31, 25 }, new[] { 4, 4 })]
    public void Alias_credit_follows_neuron_id_order(int source, int[] spikes, int[] vmem)
    {
        var aliases = source == 0 ? new[] { new[] { 1 }, Array.Empty<int>() } : [[], [0]];
        var config = Configs.Make(new int[1, 2, 1] { { { 127 }, { 127 } } }, new int[2, 2, 1], new int[2, 1],
            dashMem: [0, 0], dashSyn: [1, 1], thr: [10, 10], dashMemOut: [1], dashSynOut: [1], thrOut: [1], aliases: aliases, shiftIn: 2);

        var run = new XyloSim(config, validate: false).Evolve(new int[,] { { 1 } }, record: true);

        Configs.Row(run.Record["Spikes"], 0).ShouldBe(spikes);
        Configs.Row(run.Record["Vmem"], 0).ShouldBe(vmem);
    }

    [Fact]
    public void A_hidden_spike_reaches_the_next_hidden_layer_one_step_later()
    {
        var config = Configs.Make(new int[1, 2, 1] { { { 127 }, { 0 } } }, new int[2, 2, 1] { { { 0 }, { 127 } }, { { 0 }, { 0 } } }, new int[2, 1],
            dashMem: [1, 1], dashSyn: [1, 1], thr: [60, 60], dashMemOut: [1], dashSynOut: [1], thrOut: [100]);

        var run = Xylo.Simulator(config).Evolve(new int[,] { { 1 }, { 0 }, { 0 } }, record: true);

        Configs.Column(run.Record["Spikes"], 0).ShouldBe([1, 0, 0]);
        Configs.Column(run.Record["Isyn"], 1).ShouldBe([0, 64, 32]);
    }

    [Fact]
    public void Input_counts_above_15_are_clipped_to_15()
    {
        var sim = Xylo.Simulator(OneHiddenOneOutput());

        var run = sim.Evolve(new int[,] { { 200 } }, record: true);

        run.Record["Isyn"][0, 0].ShouldBe(15 * 100 / 2);
    }

    [Fact]
    public void Synaptic_state_saturates_at_16_bits()
    {
        var config = Configs.Make(new int[1, 1, 1] { { { 127 } } }, new int[1, 1, 1], new int[1, 1],
            dashMem: [1], dashSyn: [15], thr: [32767], dashMemOut: [1], dashSynOut: [1], thrOut: [1], shiftIn: 7);

        var run = Xylo.Simulator(config).Evolve(new int[,] { { 15 }, { 15 } }, record: true);

        Configs.Column(run.Record["Isyn"], 0).ShouldBe([32767 - 1, 32767 - 1]);
    }

    [Fact]
    public void Two_synapse_configurations_record_Isyn2_and_reset_clears_every_state()
    {
        var config = Configs.Random(3, 4, 6, 2, 2, aliases: true);
        var sim = Xylo.Simulator(config);
        var input = Configs.RandomInput(4, 20, 4);

        var first = sim.Evolve(input, record: true);
        sim.Reset();
        var again = sim.Evolve(input, record: true);

        first.Record.Keys.ShouldBe(["Vmem", "Isyn", "Isyn2", "Spikes", "Vmem_out", "Isyn_out"]);
        again.Record["Vmem"].ShouldBe(first.Record["Vmem"]);
        again.Output.ShouldBe(first.Output);
    }

    [Fact]
    public void Input_with_more_channels_than_the_configuration_is_refused_naming_both_counts()
    {
        var sim = Xylo.Simulator(OneHiddenOneOutput());

        var error = Should.Throw<QatHost.Sdk.QatHostException>(() => sim.Evolve(new int[3, 17]));

        error.Message.ShouldBe("XyloSim: the input has 17 channels; this configuration reads 1 (input shape (3, 17)).");
    }

    [Fact]
    public void A_negative_event_count_is_refused_naming_step_and_channel()
    {
        var sim = Xylo.Simulator(OneHiddenOneOutput());

        var error = Should.Throw<QatHost.Sdk.QatHostException>(() => sim.Evolve(new int[,] { { 0 }, { -2 } }));

        error.Message.ShouldBe("XyloSim: the input holds a negative event count -2 at step 1, channel 0; counts are 0..15.");
    }

    [Fact]
    public void An_invalid_configuration_cannot_be_simulated()
    {
        var config = Configs.Make(new int[1, 1, 1] { { { 100 } } }, new int[1, 1, 1], new int[1, 1] { { 50 } },
            dashMem: [2], dashSyn: [0], thr: [60], dashMemOut: [1], dashSynOut: [1], thrOut: [20]);

        var error = Should.Throw<DesignRuleException>(() => Xylo.Simulator(config));

        error.Message.ShouldBe("XyloAudio2 configuration: 1 design rule error(s):\n  configuration: dash_syn_at_least_1: with dash_syn 0 the chip " +
            "removes every synaptic input before it reaches the membrane (Rockpool issue #19) (measured 0 (dash_syn of hidden neuron 0), limit >= 1)");
    }
}
