using QatHost.Sdk.Hardware;

namespace QatHost.Xylo.Tests;

/// <summary>Every design rule of Xylo spec 4.1 and 4.3 that a network can break, with the whole message.</summary>
public class DesignRuleTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "supported_modules_only",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  2_PassThrough: supported_modules_only: Xylo has no equivalent of PassThrough; build the network from LinearTorch (hasBias: false), LIFTorch, Sequential and Residual (measured PassThrough, limit LinearTorch, LIFTorch, Sequential, Residual)" },
        { "output_nodes_have_neurons_as_source",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  4_LinearTorch: output_nodes_have_neurons_as_source: all network outputs must come directly from neurons: end the network with a LIFTorch layer (measured output from weights, limit LIF neurons)" },
        { "input_to_neurons_is_a_weight",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  2_LIFTorch: input_to_neurons_is_a_weight: neurons must receive input only through weights: put a LinearTorch before this layer (measured input from neurons 1_LIFTorch, limit weights only)" },
        { "first_module_is_a_weight",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  0_TorchResidual: first_module_is_a_weight: the network input must go first through weights: start the network with a LinearTorch (measured network input into a residual block, limit weights)" },
        { "le_16_input_channels",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  0_LinearTorch: le_16_input_channels: XyloAudio 2 has 16 input channels (measured 20 input channels, limit 16)" },
        { "le_8_output_channels",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  3_LIFTorch: le_8_output_channels: XyloAudio 2 has 8 output neurons (measured 9 output neurons, limit 8)" },
        { "all_neurons_have_same_dt",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  3_LIFTorch: all_neurons_have_same_dt: all LIF layers must share one dt: the chip has one time step (measured dt 2 ms, limit dt 1 ms of 1_LIFTorch)" },
        { "output_neurons_cannot_be_recurrent",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  3_LIFTorch: output_neurons_cannot_be_recurrent: output neurons may not be recurrent: build the last LIFTorch layer with hasRec: false (measured recurrent, limit not recurrent)" },
        { "no_consecutive_weights",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  1_LinearTorch: no_consecutive_weights: weights may not feed weights directly: put a LIFTorch layer between the two LinearTorch layers (measured input from weights 0_LinearTorch, limit neurons between weights)" },
        { "alias_inputs_must_be_neurons",
          "XyloAudio2: mapping TorchSequential: 2 design rule error(s):\n  1_TorchResidual/0_LinearTorch: no_consecutive_weights: weights may not feed weights directly: put a LIFTorch layer between the two LinearTorch layers (measured input from weights 0_LinearTorch, limit neurons between weights)\n  1_TorchResidual: alias_inputs_must_be_neurons: a residual block's input must come from neurons: put the block after a LIFTorch layer (measured block input from weights 0_LinearTorch, limit neurons)" },
        { "alias_output_nodes_must_have_neurons_as_input",
          "XyloAudio2: mapping TorchSequential: 2 design rule error(s):\n  3_LIFTorch: input_to_neurons_is_a_weight: neurons must receive input only through weights: put a LinearTorch before this layer (measured input from a residual block 2_TorchResidual, limit weights only)\n  2_TorchResidual: alias_output_nodes_must_have_neurons_as_input: a residual block must end in a LIFTorch layer (measured block ends in weights 2_TorchResidual/2_LinearTorch, limit neurons)" },
        { "at_least_two_neuron_layers_needed",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  TorchSequential: at_least_two_neuron_layers_needed: at least two LIF layers are needed: one (or more) hidden and one output layer (measured 1 LIF layer(s), limit 2)" },
        { "weight_nodes_have_no_biases",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  0_LinearTorch: weight_nodes_have_no_biases: Xylo weights have no bias, so it would be lost: build the LinearTorch with hasBias: false (use the LIF layer's bias instead) (measured hasBias: true, limit no bias)" },
        { "output_neurons_have_one_synapse",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  3_LIFTorch: output_neurons_have_one_synapse: output neurons have one synapse: build the last LIFTorch with nIn equal to its neuron count (measured 2 synapses per neuron, limit 1)" },
        { "max_synapses_per_neuron",
          "XyloIMU: mapping TorchSequential: 1 design rule error(s):\n  1_LIFTorch: max_synapses_per_neuron: XyloIMU neurons have 1 synaptic state(s) (measured 2 synapses per neuron, limit 1)" },
        { "time_constants_above_dt",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  1_LIFTorch: time_constants_above_dt: tau_mem <= dt cannot be converted to a bit-shift decay (measured tau_mem 0.5 ms, limit > dt = 1 ms)" },
        { "dash_syn_at_least_1",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  1_LIFTorch: dash_syn_at_least_1: with dash_syn 0 the chip removes every synaptic input before it reaches the membrane, so the layer never fires (Rockpool issue #19) (measured dash_syn 0.379 rounds to 0 (tau_syn 65 ms, dt 50 ms), limit tau_syn >= 70.711 ms (sqrt(2) dt))" },
        { "dash_in_range",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  1_LIFTorch: dash_in_range: bit-shift decays are 4-bit (0..15) (measured dash_mem 15.873 (tau_mem 60000 ms), limit dash_mem <= 15 (tau_mem < 46340.95 ms))" },
        { "bias_supported",
          "XyloV1: mapping TorchSequential: 1 design rule error(s):\n  1_LIFTorch: bias_supported: Xylo v1 neurons have no bias: train with bias 0 (measured bias up to 0.1, limit 0 (no bias on this chip))" },
        { "hidden_neurons",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  3_LIFTorch: hidden_neurons: XyloAudio 2 has 1000 hidden neurons; this layer is the first that does not fit (measured 1100 hidden neurons in total, limit 1000)" },
        { "le_128_input_expansion_neurons",
          "XyloAudio3: mapping TorchSequential: 1 design rule error(s):\n  1_LIFTorch: le_128_input_expansion_neurons: XyloAudio 3 delivers input to the first 128 hidden neurons only: make the first LIF layer at most 128 wide (measured 130 hidden neurons receive input, limit first 128)" },
        { "le_128_output_expansion_neurons",
          "XyloAudio3: mapping TorchSequential: 1 design rule error(s):\n  3_LIFTorch: le_128_output_expansion_neurons: XyloAudio 3 reads outputs from the last 128 hidden neurons only: make the layer before the output layer at most 128 wide (measured 130 hidden neurons drive outputs, limit last 128)" },
        { "recurrent_fan_out",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  1_LIFTorch: recurrent_fan_out: a hidden neuron may drive at most 64 recurrent weights (non-zero entries of its W_rec row); prune or narrow the next layer (measured 70 (fan-out of hidden neuron 0) (3 neurons), limit 64)" },
        { "one_alias_target",
          "XyloAudio2: mapping TorchSequential: 1 design rule error(s):\n  1_LIFTorch: one_alias_target: a hidden neuron can alias to one target only: do not nest residual blocks that start at the same layer (measured 2 (alias targets of hidden neuron 0) (3 neurons), limit 1)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_network_breaking_the_rule_fails_with_module_rule_value_and_limit(string rule, string message)
    {
        using var net = DesignRuleCases.Build(rule);

        var error = Should.Throw<DesignRuleException>(() => Xylo.Map(net, DesignRuleCases.Target(rule)));

        error.Message.ShouldBe(message);
        error.Errors.ShouldContain(e => e.Rule == rule);
    }
}
