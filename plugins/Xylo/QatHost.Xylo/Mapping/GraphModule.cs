using QatHost.Sdk.Engine;

namespace QatHost.Xylo.Mapping;

/// <summary>
/// One module of the network graph. Creating it registers it as sink of its input nodes and source of its
/// output nodes (Rockpool's <c>GraphModule</c>, Xylo spec 3.1).
/// </summary>
internal sealed class GraphModule
{
    public GraphModule(GraphModuleKind kind, string path, Module? layer, List<GraphNode> inputs, List<GraphNode> outputs)
    {
        Kind = kind;
        Path = path;
        Layer = layer;
        this.inputs = inputs;
        this.outputs = outputs;
        foreach (var n in inputs) n.Resolve().Sinks.Add(this);
        foreach (var n in outputs) n.Resolve().Sources.Add(this);
    }

    private readonly List<GraphNode> inputs;
    private readonly List<GraphNode> outputs;

    public GraphModuleKind Kind { get; }

    /// <summary>The module path in the user's network (a LIF layer's <c>w_rec</c> carries the layer's path).</summary>
    public string Path { get; }

    /// <summary>The QatHost layer behind this module (a LIFTorch for w_rec), or null for an alias.</summary>
    public Module? Layer { get; }

    /// <summary>Weights <c>[in, out]</c> for a weights module.</summary>
    public double[,]? Weights { get; init; }

    /// <summary>Whether this weights module is a LIF layer's own recurrent matrix.</summary>
    public bool IsRecurrentWeights { get; init; }

    /// <summary>The neuron parameters, for a neurons module.</summary>
    public NeuronParameters? Neurons { get; init; }

    public IEnumerable<GraphNode> Inputs => inputs.Select(n => n.Resolve());

    public IEnumerable<GraphNode> Outputs => outputs.Select(n => n.Resolve());

    public int InputCount => inputs.Count;

    public int OutputCount => outputs.Count;

    /// <summary>Modules that feed any input node of this one.</summary>
    public IEnumerable<GraphModule> Upstream => Inputs.SelectMany(n => n.Sources).Distinct();

    /// <summary>Modules fed by any output node of this one.</summary>
    public IEnumerable<GraphModule> Downstream => Outputs.SelectMany(n => n.Sinks).Distinct();

    public override string ToString() => $"{Kind} {Path}";
}
