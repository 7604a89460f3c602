using QatHost.Sdk.Engine;
using QatHost.Sdk.Hardware;
using QatHost.Sdk.Pipeline;

namespace QatHost.Xylo.Mapping;

/// <summary>
/// The graph of a QatHost network as Rockpool's <c>as_graph()</c> builds it (Xylo spec 3.2): LinearTorch
/// becomes a weights module, LIFTorch a neurons module (plus a weights module for <c>w_rec</c> wired from
/// its outputs back to its inputs), Sequential connects its children by merging nodes, Residual adds an
/// alias from the block's input nodes to its output nodes. Wrappers are looked through.
/// </summary>
internal sealed class NetworkGraph
{
    private readonly List<GraphModule> modules = [];
    private readonly List<DesignRuleViolation> notes = [];

    private NetworkGraph(Module root)
    {
        RootPath = root.Path;
        (inputs, outputs) = Build(root);
    }

    private readonly List<GraphNode> inputs;
    private readonly List<GraphNode> outputs;

    /// <summary>Builds the graph of <paramref name="network"/>.</summary>
    public static NetworkGraph Of(Module network) => new(network);

    public string RootPath { get; }

    public IReadOnlyList<GraphNode> Inputs => inputs.Select(n => n.Resolve()).ToList();

    public IReadOnlyList<GraphNode> Outputs => outputs.Select(n => n.Resolve()).ToList();

    /// <summary>Every module, in creation order.</summary>
    public IReadOnlyList<GraphModule> Modules => modules;

    /// <summary>Violations found while building (unsupported modules, activity transforms).</summary>
    public IReadOnlyList<DesignRuleViolation> Notes => notes;

    public IEnumerable<GraphModule> Neurons => modules.Where(m => m.Kind == GraphModuleKind.Neurons);

    /// <summary>Rockpool's <c>bag_graph</c> order (spec 3.3): depth-first pre-order from the graph's nodes; for
    /// each module its input nodes' sources then sinks, then its output nodes' sources then sinks.</summary>
    public IReadOnlyList<GraphModule> BagOrder()
    {
        var seen = new HashSet<GraphModule>();
        var order = new List<GraphModule>();
        void VisitNodes(IEnumerable<GraphNode> nodes)
        {
            foreach (var node in nodes.ToList())
            {
                foreach (var m in node.Sources.ToList()) Visit(m);
                foreach (var m in node.Sinks.ToList()) Visit(m);
            }
        }
        void Visit(GraphModule m)
        {
            if (!seen.Add(m)) return;
            order.Add(m);
            VisitNodes(m.Inputs);
            VisitNodes(m.Outputs);
        }
        VisitNodes(Inputs);
        VisitNodes(Outputs);
        return order;
    }

    private (List<GraphNode> In, List<GraphNode> Out) Build(Module outer)
    {
        var layer = LayerReader.Unwrap(outer);
        for (var m = outer; m is Wrapper w; m = w.Wrapped)
        {
            // The hop delay models what the chip does anyway (Xylo.PrepareForTraining): not a deviation.
            var foreign = m is ActWrapper act ? act.Transforms.Where(t => t is not Training.HopDelay).ToList() : [];
            if (foreign.Count > 0)
                notes.Add(DesignRuleViolation.Warn(outer.Path, "activity_transforms_not_deployed",
                    $"{foreign.Count} transform(s)", "none on chip",
                    $"activity transforms ({string.Join(" → ", foreign.Select(t => t.Description))}) shape training only; the chip does not apply them"));
        }
        return layer switch
        {
            Residual r => AddResidual(r),
            Sequential s => AddSequential(s),
            LinearTorch l => AddLinear(outer, l),
            LIFTorch f => AddLif(outer, f),
            _ => AddUnsupported(outer, layer),
        };
    }

    private (List<GraphNode>, List<GraphNode>) AddSequential(Sequential s)
    {
        var children = s.Modules().Values.Select(Build).ToList();
        if (children.Count == 0) return AddUnsupported(s, s);
        for (int i = 1; i < children.Count; i++)
        {
            var (from, to) = (children[i - 1].Out, children[i].In);
            for (int k = 0; k < Math.Min(from.Count, to.Count); k++) GraphNode.Merge(from[k], to[k]);
        }
        return (children[0].In, children[^1].Out);
    }

    private (List<GraphNode>, List<GraphNode>) AddResidual(Residual r)
    {
        var (inNodes, outNodes) = AddSequential(r);
        modules.Add(new GraphModule(GraphModuleKind.Alias, r.Path, r, inNodes, outNodes));
        return (inNodes, outNodes);
    }

    private (List<GraphNode>, List<GraphNode>) AddLinear(Module outer, LinearTorch l)
    {
        var (i, o) = (GraphNode.Many(l.SizeIn), GraphNode.Many(l.SizeOut));
        modules.Add(new GraphModule(GraphModuleKind.Weights, outer.Path, l, i, o) { Weights = LayerReader.Matrix(outer, "weight") });
        return (i, o);
    }

    private (List<GraphNode>, List<GraphNode>) AddLif(Module outer, LIFTorch f)
    {
        var parameters = NeuronReader.Read(outer, f);
        var (i, o) = (GraphNode.Many(f.SizeIn), GraphNode.Many(f.NeuronCount));
        modules.Add(new GraphModule(GraphModuleKind.Neurons, outer.Path, f, i, o) { Neurons = parameters });
        if (f.HasRec)
            modules.Add(new GraphModule(GraphModuleKind.Weights, outer.Path, f, o, i)
            {
                Weights = parameters.WRec, IsRecurrentWeights = true,
            });
        return (i, o);
    }

    private (List<GraphNode>, List<GraphNode>) AddUnsupported(Module outer, Module layer)
    {
        var (i, o) = (GraphNode.Many(Math.Max(0, layer.SizeIn)), GraphNode.Many(Math.Max(0, layer.SizeOut)));
        modules.Add(new GraphModule(GraphModuleKind.Unsupported, outer.Path, layer, i, o));
        return (i, o);
    }
}
