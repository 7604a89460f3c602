using QatHost.Sdk.Hardware;

namespace QatHost.Xylo.Mapping;

/// <summary>
/// Hardware neuron IDs per neuron module (Xylo spec 5.3). Xylo v1 and XyloAudio 2: hidden IDs in
/// <c>bag_graph</c> order. XyloIMU and XyloAudio 3: the layer the input weights reach first, the other
/// hidden layers in <c>bag_graph</c> order, the layers that drive the outputs last; a layer that is both
/// first and last keeps its first IDs (Rockpool's XyloAudio 3 rule; its IMU mapper crashes there, defect 2).
/// Output neurons are numbered by position.
/// </summary>
internal sealed class HardwareIds
{
    public Dictionary<GraphModule, int[]> Hidden { get; } = [];

    public Dictionary<GraphModule, int[]> Outputs { get; } = [];

    public int HiddenCount { get; private set; }

    public int OutputCount { get; private set; }

    /// <summary>Width of the input-expansion layer (hidden IDs <c>0..count-1</c>).</summary>
    public int InputExpansionCount { get; private set; }

    /// <summary>Hidden IDs from the first output-driving neuron to the last hidden neuron.</summary>
    public int OutputExpansionCount { get; private set; }

    public static HardwareIds Allocate(NetworkGraph graph, XyloTarget target, ViolationList v)
    {
        var ids = new HardwareIds();
        var outputs = GraphRules.OutputModules(graph);
        var hidden = graph.BagOrder().Where(m => m.Kind == GraphModuleKind.Neurons && !outputs.Contains(m)).ToList();
        var ien = GraphRules.InputWeights(graph)!.Downstream.First(m => m.Kind == GraphModuleKind.Neurons);
        var oen = outputs.SelectMany(o => o.Upstream).Where(w => w.Kind == GraphModuleKind.Weights)
            .SelectMany(w => w.Upstream).Where(hidden.Contains).Distinct().ToList();
        if (target.InputExpansionNeurons is not null)
            hidden = [ien, .. hidden.Where(m => m != ien && !oen.Contains(m)), .. oen.Where(m => m != ien)];
        if (!hidden.Contains(ien))
            v.Error(ien.Path, "input_weights_target_hidden_neurons", "input weights into the output layer", "a hidden layer",
                "the input weights must reach a hidden layer; outputs are driven by hidden neurons only");

        int next = 0;
        foreach (var m in hidden)
        {
            int count = m.Neurons!.Count;
            if (next + count > target.HiddenNeurons && next <= target.HiddenNeurons)
                v.Error(m.Path, "hidden_neurons", $"{hidden.Sum(h => h.Neurons!.Count)} hidden neurons in total", $"{target.HiddenNeurons}",
                    $"{target.DisplayName} has {target.HiddenNeurons} hidden neurons; this layer is the first that does not fit");
            ids.Hidden[m] = Enumerable.Range(next, count).ToArray();
            next += count;
        }
        ids.HiddenCount = next;
        foreach (var m in outputs)
        {
            ids.Outputs[m] = Enumerable.Range(ids.OutputCount, m.Neurons!.Count).ToArray();
            ids.OutputCount += m.Neurons!.Count;
        }
        if (ids.Hidden.TryGetValue(ien, out var ienIds)) ids.InputExpansionCount = ienIds.Max() + 1;
        ids.OutputExpansionCount = oen.Count == 0 ? 0 : next - oen.Min(m => ids.Hidden[m].Min());
        return ids;
    }
}
