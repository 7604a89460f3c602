using QatHost.Sdk.Engine;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;

namespace QatHost.Xylo.Tests;

/// <summary>One network per design rule, each breaking exactly that rule (Xylo spec 4.1, 4.3).</summary>
internal static class DesignRuleCases
{
    public static Module Build(string rule)
    {
        torch.manual_seed(12);
        return rule switch
        {
            "supported_modules_only" => Sequential(LinearTorch(2, 3), LIFTorch(3), new PassThrough(3), LinearTorch(3, 1), LIFTorch(1)),
            "output_nodes_have_neurons_as_source" => Sequential(LinearTorch(2, 3), LIFTorch(3), LinearTorch(3, 3), LIFTorch(3), LinearTorch(3, 1)),
            "input_to_neurons_is_a_weight" => Sequential(LinearTorch(2, 3), LIFTorch(3), LIFTorch(3), LinearTorch(3, 1), LIFTorch(1)),
            "first_module_is_a_weight" => Sequential(Residual(LinearTorch(2, 2), LIFTorch(2)), LinearTorch(2, 3), LIFTorch(3), LinearTorch(3, 1), LIFTorch(1)),
            "le_16_input_channels" => Sequential(LinearTorch(20, 3), LIFTorch(3), LinearTorch(3, 1), LIFTorch(1)),
            "le_8_output_channels" => Sequential(LinearTorch(2, 3), LIFTorch(3), LinearTorch(3, 9), LIFTorch(9)),
            "all_neurons_have_same_dt" => Sequential(LinearTorch(2, 3), LIFTorch(3), LinearTorch(3, 1), LIFTorch(1, dt: 2e-3, tauMem: 0.02, tauSyn: 0.02)),
            "output_neurons_cannot_be_recurrent" => Sequential(LinearTorch(2, 3), LIFTorch(3), LinearTorch(3, 2), LIFTorch(2, hasRec: true)),
            "no_consecutive_weights" => Sequential(LinearTorch(2, 3), LinearTorch(3, 3), LIFTorch(3), LinearTorch(3, 1), LIFTorch(1)),
            "alias_inputs_must_be_neurons" => Sequential(LinearTorch(2, 3), Residual(LinearTorch(3, 3), LIFTorch(3)), LinearTorch(3, 1), LIFTorch(1)),
            "alias_output_nodes_must_have_neurons_as_input" => Sequential(LinearTorch(2, 3), LIFTorch(3), Residual(LinearTorch(3, 3), LIFTorch(3), LinearTorch(3, 3)), LIFTorch(3), LinearTorch(3, 1), LIFTorch(1)),
            "at_least_two_neuron_layers_needed" => Sequential(LinearTorch(2, 3), LIFTorch(3)),
            "weight_nodes_have_no_biases" => Sequential(LinearTorch(2, 3, hasBias: true), LIFTorch(3), LinearTorch(3, 1), LIFTorch(1)),
            "output_neurons_have_one_synapse" => Sequential(LinearTorch(2, 3), LIFTorch(3), LinearTorch(3, 2), LIFTorch(2, 1)),
            "max_synapses_per_neuron" => Sequential(LinearTorch(2, 6), LIFTorch(6, 3), LinearTorch(3, 1), LIFTorch(1)),
            "time_constants_above_dt" => Sequential(LinearTorch(2, 3), LIFTorch(3, tauMem: 0.5e-3), LinearTorch(3, 1), LIFTorch(1)),
            "dash_syn_at_least_1" => Sequential(LinearTorch(12, 8), LIFTorch(8, tauMem: 0.16, tauSyn: 0.065, dt: 0.05), LinearTorch(8, 7), LIFTorch(7, tauMem: 0.16, tauSyn: 0.16, dt: 0.05)),
            "dash_in_range" => Sequential(LinearTorch(2, 3), LIFTorch(3, tauMem: 60.0), LinearTorch(3, 1), LIFTorch(1)),
            "bias_supported" => Sequential(LinearTorch(2, 3), LIFTorch(3, bias: 0.1), LinearTorch(3, 1), LIFTorch(1)),
            "hidden_neurons" => Sequential(LinearTorch(2, 600), LIFTorch(600), LinearTorch(600, 500), LIFTorch(500), LinearTorch(500, 1), LIFTorch(1)),
            "le_128_input_expansion_neurons" => Sequential(LinearTorch(2, 130), LIFTorch(130), LinearTorch(130, 4), LIFTorch(4), LinearTorch(4, 1), LIFTorch(1)),
            "le_128_output_expansion_neurons" => Sequential(LinearTorch(2, 4), LIFTorch(4), LinearTorch(4, 130), LIFTorch(130), LinearTorch(130, 1), LIFTorch(1)),
            "recurrent_fan_out" => Sequential(LinearTorch(2, 3), LIFTorch(3), LinearTorch(3, 70), LIFTorch(70), LinearTorch(70, 1), LIFTorch(1)),
            "one_alias_target" => Sequential(LinearTorch(2, 3), LIFTorch(3), Residual(Residual(LinearTorch(3, 3), LIFTorch(3))), LinearTorch(3, 1), LIFTorch(1)),
            _ => throw new ArgumentException(rule),
        };
    }

    /// <summary>A module Xylo has no equivalent for.</summary>
    private sealed class PassThrough(long n) : Module([n, n])
    {
        protected override torch.Tensor Forward(torch.Tensor input, bool record, QatHost.Sdk.Trees.TensorTree recording) => input;
    }

    /// <summary>The target each case is mapped to (the chip whose limit it breaks).</summary>
    public static XyloTarget Target(string rule) => rule switch
    {
        "max_synapses_per_neuron" => XyloTarget.XyloIMU,
        "bias_supported" => XyloTarget.XyloV1,
        "le_128_input_expansion_neurons" or "le_128_output_expansion_neurons" => XyloTarget.XyloAudio3,
        _ => XyloTarget.XyloAudio2,
    };
}
