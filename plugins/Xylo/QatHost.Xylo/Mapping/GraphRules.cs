using QatHost.Sdk.Engine;

namespace QatHost.Xylo.Mapping;

/// <summary>
/// The structural design rules of Xylo spec 4.1 (Rockpool's DRC list, rules 1-12) and the per-layer
/// conversion checks of 4.1 and 4.3, run on the network graph. Every rule runs; nothing stops at the
/// first failure. Rockpool's warnings for too many inputs/outputs and for Linear biases are errors here
/// (4.3; a bias would silently be lost).
/// </summary>
internal static class GraphRules
{
    public static void Check(NetworkGraph g, XyloTarget target, ViolationList v)
    {
        var outputs = OutputModules(g);
        var neurons = g.Neurons.ToList();

        foreach (var m in g.Modules.Where(m => m.Kind == GraphModuleKind.Unsupported))
            v.Error(m.Path, "supported_modules_only", m.Layer?.ClassName ?? "empty module", "LinearTorch, LIFTorch, Sequential, Residual",
                $"Xylo has no equivalent of {m.Layer?.ClassName ?? "this module"}; build the network from LinearTorch (hasBias: false), LIFTorch, Sequential and Residual");

        foreach (var m in g.Outputs.SelectMany(n => n.Sources).Distinct().Where(m => m.Kind != GraphModuleKind.Neurons))
            v.Error(m.Path, "output_nodes_have_neurons_as_source", $"output from {Kind(m)}", "LIF neurons",
                "all network outputs must come directly from neurons: end the network with a LIFTorch layer");

        foreach (var n in neurons)
            foreach (var src in n.Upstream.Where(m => m.Kind != GraphModuleKind.Weights))
                v.Error(n.Path, "input_to_neurons_is_a_weight", $"input from {Kind(src)} {src.Path}", "weights only",
                    "neurons must receive input only through weights: put a LinearTorch before this layer");

        foreach (var m in g.Inputs.SelectMany(n => n.Sinks).Distinct().Where(m => m.Kind != GraphModuleKind.Weights))
            v.Error(m.Path, "first_module_is_a_weight", $"network input into {Kind(m)}", "weights",
                "the network input must go first through weights: start the network with a LinearTorch");

        if (g.Inputs.Count > target.InputChannels)
            v.Error(InputWeights(g)?.Path ?? g.RootPath, $"le_{target.InputChannels}_input_channels", $"{g.Inputs.Count} input channels",
                $"{target.InputChannels}", $"{target.DisplayName} has {target.InputChannels} input channels");

        int outputCount = outputs.Sum(m => m.OutputCount);
        if (outputCount > target.OutputNeurons)
            v.Error(outputs.Count > 0 ? outputs[^1].Path : g.RootPath, $"le_{target.OutputNeurons}_output_channels",
                $"{outputCount} output neurons", $"{target.OutputNeurons}", $"{target.DisplayName} has {target.OutputNeurons} output neurons");

        CheckDt(neurons, v);

        foreach (var m in outputs.Where(m => m.Upstream.Intersect(m.Downstream).Any()))
            v.Error(m.Path, "output_neurons_cannot_be_recurrent", "recurrent", "not recurrent",
                "output neurons may not be recurrent: build the last LIFTorch layer with hasRec: false");

        foreach (var w in g.Modules.Where(m => m.Kind == GraphModuleKind.Weights))
            foreach (var src in w.Upstream.Where(m => m.Kind == GraphModuleKind.Weights))
                v.Error(w.Path, "no_consecutive_weights", $"input from weights {src.Path}", "neurons between weights",
                    "weights may not feed weights directly: put a LIFTorch layer between the two LinearTorch layers");

        foreach (var a in g.Modules.Where(m => m.Kind == GraphModuleKind.Alias))
        {
            foreach (var src in a.Upstream.Where(m => m.Kind is not (GraphModuleKind.Neurons or GraphModuleKind.Alias)))
                v.Error(a.Path, "alias_inputs_must_be_neurons", $"block input from {Kind(src)} {src.Path}", "neurons",
                    "a residual block's input must come from neurons: put the block after a LIFTorch layer");
            foreach (var src in a.Outputs.SelectMany(n => n.Sources).Distinct().Where(m => m.Kind is not (GraphModuleKind.Neurons or GraphModuleKind.Alias)))
                v.Error(a.Path, "alias_output_nodes_must_have_neurons_as_input", $"block ends in {Kind(src)} {src.Path}", "neurons",
                    "a residual block must end in a LIFTorch layer");
        }

        if (neurons.Count < 2)
            v.Error(g.RootPath, "at_least_two_neuron_layers_needed", $"{neurons.Count} LIF layer(s)", "2",
                "at least two LIF layers are needed: one (or more) hidden and one output layer");

        foreach (var w in g.Modules.Where(m => m.Kind == GraphModuleKind.Weights && m.Layer is LinearTorch { HasBias: true }))
            v.Error(w.Path, "weight_nodes_have_no_biases", "hasBias: true", "no bias",
                "Xylo weights have no bias, so it would be lost: build the LinearTorch with hasBias: false (use the LIF layer's bias instead)");

        foreach (var n in neurons) NeuronRules.Check(n, outputs.Contains(n), target, v);
    }

    /// <summary>The neuron modules that drive the network's outputs (spec 5.1), in graph order.</summary>
    public static List<GraphModule> OutputModules(NetworkGraph g) =>
        g.Outputs.SelectMany(n => n.Sources).Where(m => m.Kind == GraphModuleKind.Neurons).Distinct().ToList();

    /// <summary>The weights module the network input goes through, if the input goes through one.</summary>
    public static GraphModule? InputWeights(NetworkGraph g) =>
        g.Inputs.SelectMany(n => n.Sinks).FirstOrDefault(m => m.Kind == GraphModuleKind.Weights);

    private static void CheckDt(List<GraphModule> neurons, ViolationList v)
    {
        if (neurons.Count == 0) return;
        double dt = neurons[0].Neurons!.Dt;
        foreach (var n in neurons.Skip(1).Where(n => Math.Abs(n.Neurons!.Dt - dt) > 1e-8 + 1e-5 * Math.Abs(dt)))
            v.Error(n.Path, "all_neurons_have_same_dt", $"dt {Format.Ms(n.Neurons!.Dt)}", $"dt {Format.Ms(dt)} of {neurons[0].Path}",
                "all LIF layers must share one dt: the chip has one time step");
    }

    private static string Kind(GraphModule m) => m.Kind switch
    {
        GraphModuleKind.Weights => "weights",
        GraphModuleKind.Neurons => "neurons",
        GraphModuleKind.Alias => "a residual block",
        _ => m.Layer?.ClassName ?? "an unsupported module",
    };
}
