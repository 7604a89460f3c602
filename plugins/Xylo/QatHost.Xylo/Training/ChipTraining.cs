using QatHost.Sdk;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Xylo.Mapping;
using static TorchSharp.torch;

namespace QatHost.Xylo.Training;

/// <summary>
/// Makes a network train the way the chip will run it (Xylo spec 9): checks the design rules first (nothing
/// changes if one fails), then sets the spike caps and attaches the chip's decays, fake quantisation and hop
/// delay as transforms through the ordinary pipeline, so <c>Print(net.Transforms())</c> shows them and
/// <c>net.RemoveTransforms()</c> takes them off again.
/// </summary>
internal static class ChipTraining
{
    public static Module Prepare(Module network, XyloTarget target, bool hopDelay)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(target);
        if (network.AllModules().OfType<ActWrapper>().Any(a => a.Transforms.Any(t => t is HopDelay))
            || network.AllModules().OfType<TWrapper>().Any(w => w.Transforms.Values.Any(c => c.Any(t => t is ChipWeights))))
            throw new QatHostException($"{network.Path}: Xylo.PrepareForTraining was already called on this network (its transforms would apply twice); prepare a fresh network or call net.RemoveTransforms() first.");

        XyloMapper.Map(network, target);    // every structural and value rule, all violations at once
        var graph = NetworkGraph.Of(network);
        var outputs = GraphRules.OutputModules(graph);

        foreach (var neurons in graph.Neurons.ToList())
        {
            var lif = (LIFTorch)neurons.Layer!;
            bool isOutput = outputs.Contains(neurons);
            var linear = neurons.Upstream.FirstOrDefault(w => w.Kind == GraphModuleKind.Weights && !w.IsRecurrentWeights);
            var scale = new NeuronScale(lif, linear?.Layer as LinearTorch);
            string path = neurons.Path;

            using (no_grad())
                lif.FindAttribute("max_spikes_per_dt").Tensor.fill_(isOutput ? target.MaxOutputSpikes : target.MaxHiddenSpikes);

            var layer = network.Module(path);
            layer.Param(lif.LeakMode.Family()).Apply(new BitshiftDecay(lif.LeakMode, lif.Dt));
            network.Module(path).Param("thresholds").Apply(new ChipState16(scale, path, "Thresholds"));
            network.Module(path).Param("bias").Apply(new ChipState16(scale, path, "Bias"));
            if (lif.HasRec) network.Module(path).Param("weights").Apply(new ChipWeights(scale, path));
            if (linear is not null) network.Module(linear.Path).Param("weights").Apply(new ChipWeights(scale, path));
            if (hopDelay && !isOutput) network.Module(path).Activity().Apply(new HopDelay());
        }
        return network;
    }
}
