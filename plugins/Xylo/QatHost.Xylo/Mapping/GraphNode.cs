namespace QatHost.Xylo.Mapping;

/// <summary>
/// A wire of the network graph (Rockpool's <c>GraphNode</c>, Xylo spec 3.1) with ordered, unique source and
/// sink modules. Connecting two modules merges nodes; a merged node forwards to the node that absorbed it,
/// so module node lists never need rewriting (<see cref="Resolve"/>).
/// </summary>
internal sealed class GraphNode
{
    private GraphNode? mergedInto;

    public List<GraphModule> Sources { get; } = [];

    public List<GraphModule> Sinks { get; } = [];

    /// <summary>The node that stands for this one after merges.</summary>
    public GraphNode Resolve() => mergedInto is null ? this : mergedInto = mergedInto.Resolve();

    public static List<GraphNode> Many(long count) => Enumerable.Range(0, (int)count).Select(_ => new GraphNode()).ToList();

    /// <summary>Rockpool's <c>connect_modules</c> for one pair: <paramref name="absorbed"/>'s sources and sinks
    /// are appended to <paramref name="keep"/>'s (keeping order, no duplicates), and it forwards there.</summary>
    public static void Merge(GraphNode keep, GraphNode absorbed)
    {
        keep = keep.Resolve();
        absorbed = absorbed.Resolve();
        if (keep == absorbed) return;
        foreach (var m in absorbed.Sources) if (!keep.Sources.Contains(m)) keep.Sources.Add(m);
        foreach (var m in absorbed.Sinks) if (!keep.Sinks.Contains(m)) keep.Sinks.Add(m);
        absorbed.mergedInto = keep;
    }
}
