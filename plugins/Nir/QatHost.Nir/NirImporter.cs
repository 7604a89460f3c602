using QatHost.Sdk;
using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace QatHost.Nir;

/// <summary>
/// Turns a NIR graph into QatHost modules (docs/nir.md): a chain becomes a <see cref="Sequential"/>, a skip edge
/// around a chain a <see cref="Residual"/>, the 4-node recurrent subgraph a recurrent <see cref="LIFTorch"/>.
/// Graphs that cannot mean anything (unfed nodes, dangling edges, width mismatches, other cycles, unknown node
/// types) are refused with the node, its type and the defect; fields that do not map become warnings.
/// </summary>
internal sealed class NirImporter(string path, double? dt)
{
    private readonly List<string> warnings = [];

    public IReadOnlyList<string> Warnings => warnings;

    /// <summary>The NIR versions whose files this reader was checked against.</summary>
    private static readonly string[] KnownVersions = ["0.2.0", "1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.5", "1.0.6", "1.0.7"];

    private bool stepUnits;

    public Module Import(NirDocument document)
    {
        if (document.Version.Length == 0)
            Warn($"the file has no /version; read as nir 1.0.4");
        else if (!KnownVersions.Contains(document.Version))
            Warn($"file version {document.Version} is not one this reader was checked against (0.2.0, 1.0.x up to 1.0.7); read as 1.0.7");
        // snnTorch's old exporter (file version 0.2.0) used one time step as the time unit (spec §3).
        stepUnits = document.Version.StartsWith("0.", StringComparison.Ordinal);
        var net = ImportGraph(document.Graph, "graph");
        if (document.Graph.Metadata.TryGetValue(NirMetadata.Top, out var top) && top.Text != "TorchSequential"
            && net is Sequential seq && seq.Modules().Count == 1)
        {
            // A bare module was saved: give back the module itself, not a one-element chain.
            return Detach(seq);
        }
        return net;
    }

    private static Module Detach(Sequential seq)
    {
        var only = seq.Modules().Values.Single().Copy();
        seq.Dispose();
        return only;
    }

    private void Warn(string message) => warnings.Add(message);

    // ---------------------------------------------------------------- graph structure

    /// <summary>A planned chain element: one node, or a residual block around a sub-chain.</summary>
    private sealed record Step(NirNode? Node, List<Step>? Residual);

    private Sequential ImportGraph(NirNode graph, string where)
    {
        var nodes = new Dictionary<string, NirNode>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes) nodes[node.Name] = node;
        var succ = nodes.Keys.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        var pred = nodes.Keys.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (var (source, target) in graph.Edges)
        {
            foreach (var end in new[] { source, target })
                if (!nodes.ContainsKey(end))
                    throw Refuse($"{where}: edge {source} -> {target} is dangling: no node \"{end}\" exists (nodes: {string.Join(", ", nodes.Keys.Order(StringComparer.Ordinal))}).");
            if (!seen.Add((source, target)))
                throw Refuse($"{where}: edge {source} -> {target} appears twice.");
            succ[source].Add(target);
            pred[target].Add(source);
        }

        var inputs = graph.Nodes.Where(n => n.Type == "Input").ToList();
        var outputs = graph.Nodes.Where(n => n.Type == "Output").ToList();
        if (inputs.Count != 1)
            throw Refuse(inputs.Count == 0
                ? $"{where}: the graph has no Input node; a NIR graph names its input port with one."
                : $"{where}: the graph has {inputs.Count} Input nodes ({string.Join(", ", inputs.Select(n => n.Name))}); QatHost imports networks with one input.");
        if (outputs.Count != 1)
            throw Refuse(outputs.Count == 0
                ? $"{where}: the graph has no Output node; a NIR graph names its output port with one."
                : $"{where}: the graph has {outputs.Count} Output nodes ({string.Join(", ", outputs.Select(n => n.Name))}); QatHost imports networks with one output.");
        var input = inputs[0];
        var output = outputs[0];
        foreach (var node in graph.Nodes)
        {
            if (node != input && pred[node.Name].Count == 0)
                throw Refuse($"{where}: {node.Label} is fed by nothing: no edge ends at it. Connect it or remove it.");
            if (node != output && succ[node.Name].Count == 0)
                throw Refuse($"{where}: {node.Label} feeds nothing: no edge starts at it. Connect it or remove it.");
        }
        if (pred[input.Name].Count > 0)
            throw Refuse($"{where}: {input.Label} is the graph's input port but is fed by {string.Join(", ", pred[input.Name])}.");
        if (succ[output.Name].Count > 0)
            throw Refuse($"{where}: {output.Label} is the graph's output port but feeds {string.Join(", ", succ[output.Name])}.");
        RefuseCycles(graph, succ, nodes, where);

        // Widths: every edge must carry as many values as its target takes.
        var widths = graph.Nodes.ToDictionary(n => n.Name, n => Widths(n, where), StringComparer.Ordinal);
        foreach (var (source, target) in graph.Edges)
        {
            long gives = widths[source].Out, takes = widths[target].In;
            if (gives != takes)
                throw Refuse($"{where}: shape mismatch on edge {source} -> {target}: {nodes[source].Label} gives {gives} values, {nodes[target].Label} takes {takes}.");
        }

        var visited = new HashSet<string>(StringComparer.Ordinal) { input.Name, output.Name };
        var plan = PlanFrom(input.Name, output.Name, nodes, succ, pred, visited, where);
        var missed = graph.Nodes.FirstOrDefault(n => !visited.Contains(n.Name));
        if (missed is not null)
            throw Refuse($"{where}: {missed.Label} is not on the path from {input.Name} to {output.Name}.");
        if (plan.Count == 0)
            throw Refuse($"{where}: the graph connects its input straight to its output: there is nothing to import.");

        var seq = new Sequential();
        try
        {
            foreach (var step in plan) seq.Append(Build(step, where));
        }
        catch
        {
            seq.Dispose();
            throw;
        }
        return seq;
    }

    /// <summary>The chain after <paramref name="from"/> up to (not including) <paramref name="stop"/>.</summary>
    private List<Step> PlanFrom(string from, string stop, Dictionary<string, NirNode> nodes,
        Dictionary<string, List<string>> succ, Dictionary<string, List<string>> pred, HashSet<string> visited, string where)
    {
        var steps = new List<Step>();
        string current = from;
        string? mergeExpected = null;
        while (true)
        {
            var next = succ[current];
            string following;
            if (next.Count == 1)
            {
                following = next[0];
            }
            else if (next.Count == 2)
            {
                // A skip edge: current feeds the head of a chain and the node after that chain's tail.
                string? head = null, merge = null;
                foreach (var (h, m) in new[] { (next[0], next[1]), (next[1], next[0]) })
                    if (h != stop && Reaches(h, m, succ)) { head = h; merge = m; break; }
                if (head is null || merge is null)
                    throw Refuse($"{where}: {nodes[current].Label} fans out to {next[0]} and {next[1]}, and neither leads to the other: " +
                        "QatHost imports chains and skip edges (a node feeding the head of a chain and the node after its tail).");
                visited.Add(head);
                var inner = new List<Step> { new(nodes[head], null) };
                CheckSingleFeed(head, current, nodes, pred, where);
                inner.AddRange(PlanFrom(head, merge, nodes, succ, pred, visited, where));
                if (pred[merge].Count != 2)
                    throw Refuse($"{where}: {nodes[merge].Label} is fed by {pred[merge].Count} nodes ({string.Join(", ", pred[merge])}); the end of a skip edge takes the chain's tail and the skip.");
                steps.Add(new Step(null, inner));
                following = merge;
                mergeExpected = merge;
            }
            else
            {
                throw Refuse($"{where}: {nodes[current].Label} fans out to {next.Count} nodes ({string.Join(", ", next)}): " +
                    "QatHost imports chains and skip edges (a node feeding the head of a chain and the node after its tail).");
            }
            if (following == stop) return steps;
            if (following != mergeExpected) CheckSingleFeed(following, current, nodes, pred, where);
            mergeExpected = null;
            if (!visited.Add(following))
                throw Refuse($"{where}: {nodes[following].Label} is reached twice on the way from the input.");
            if (nodes[following].Type is "Input" or "Output")
                throw Refuse($"{where}: {nodes[following].Label} sits inside the chain; ports only start and end a graph.");
            steps.Add(new Step(nodes[following], null));
            current = following;
        }
    }

    private void CheckSingleFeed(string node, string from, Dictionary<string, NirNode> nodes, Dictionary<string, List<string>> pred, string where)
    {
        if (pred[node].Count != 1)
            throw Refuse($"{where}: {nodes[node].Label} is fed by {pred[node].Count} nodes ({string.Join(", ", pred[node])}) but is not the end of a skip edge around a chain from {from}.");
    }

    private static bool Reaches(string from, string to, Dictionary<string, List<string>> succ)
    {
        var stack = new Stack<string>([from]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n == to) return true;
            if (!seen.Add(n)) continue;
            foreach (var s in succ[n]) stack.Push(s);
        }
        return false;
    }

    private void RefuseCycles(NirNode graph, Dictionary<string, List<string>> succ, Dictionary<string, NirNode> nodes, string where)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on stack, 2 done
        var path = new List<string>();
        void Visit(string n)
        {
            state[n] = 1;
            path.Add(n);
            foreach (var s in succ[n])
            {
                if (state.GetValueOrDefault(s) == 1)
                {
                    var loop = path.Skip(path.IndexOf(s)).Append(s);
                    throw Refuse($"{where}: {nodes[s].Label} is on a cycle ({string.Join(" -> ", loop)}). QatHost imports recurrence only as the " +
                        "4-node subgraph (Input, CubaLIF, Linear or Affine back onto it, Output) that becomes LIFTorch(hasRec: true).");
                }
                if (state.GetValueOrDefault(s) == 0) Visit(s);
            }
            path.RemoveAt(path.Count - 1);
            state[n] = 2;
        }
        foreach (var node in graph.Nodes)
            if (state.GetValueOrDefault(node.Name) == 0) Visit(node.Name);
    }

    private Module Build(Step step, string where)
    {
        if (step.Residual is { } inner)
        {
            var modules = new List<Module>();
            try
            {
                foreach (var s in inner) modules.Add(Build(s, where));
                return new Residual([.. modules]);
            }
            catch
            {
                foreach (var m in modules) m.Dispose();
                throw;
            }
        }
        return Convert(step.Node!, where);
    }

    // ---------------------------------------------------------------- nodes

    /// <summary>The input and output widths of a node, checking its fields.</summary>
    private (long In, long Out) Widths(NirNode node, string where)
    {
        switch (node.Type)
        {
            case "Input":
            case "Output":
            {
                var shape = Require(node, "shape", where);
                if (shape.IsString || shape.Numbers.Length == 0)
                    throw Refuse($"{where}: {node.Label}: field shape is {shape.Describe()}; expected the port's shape, e.g. [N].");
                // Rockpool's to_nir writes the sample data's full shape ([1, N]); the channel count is the last entry.
                long n = (long)shape.Numbers[^1];
                return (n, n);
            }
            case "Linear":
            case "Affine":
            {
                var w = Matrix(node, "weight", where);
                return (w.Shape[1], w.Shape[0]);
            }
            case "CubaLIF":
            case "LIF":
            case "IF":
            case "LI":
            case "I":
            case "Scale":
            case "Delay":
            {
                long n = NeuronCount(node, where);
                return (n, n);
            }
            case "NIRGraph":
            {
                if (RecurrentParts(node) is { } parts)
                {
                    long n = NeuronCount(parts.Lif, $"{where}/{node.Name}");
                    return (n, n);
                }
                var ports = node.Nodes.Where(n => n.Type is "Input" or "Output").ToList();
                var i = ports.FirstOrDefault(p => p.Type == "Input");
                var o = ports.FirstOrDefault(p => p.Type == "Output");
                if (i is null || o is null)
                    throw Refuse($"{where}: {node.Label} has no Input or no Output node, so its shape is unknown.");
                return (Widths(i, $"{where}/{node.Name}").Out, Widths(o, $"{where}/{node.Name}").In);
            }
            default:
                throw Refuse($"{where}: {node.Label}: node type {node.Type} is not supported. QatHost imports Input, Output, Linear, Affine, " +
                    "CubaLIF, the recurrent CubaLIF subgraph, LIF, LI, IF, I, Scale, Delay and nested NIRGraph chains.");
        }
    }

    private Module Convert(NirNode node, string where)
    {
        string at = $"{where}: {node.Label}";
        return node.Type switch
        {
            "Linear" => Linear(node, where, hasBias: false),
            "Affine" => Linear(node, where, hasBias: true),
            "CubaLIF" => CubaLif(node, where, recurrent: null),
            "NIRGraph" => RecurrentParts(node) is { } parts ? Recurrent(node, parts, where) : ImportGraph(node, $"{where}/{node.Name}"),
            "LIF" or "IF" or "LI" or "I" or "Scale" or "Delay" => NirNeurons.Convert(this, node, where),
            _ => throw Refuse($"{at}: node type {node.Type} is not supported."),
        };
    }

    private LinearTorch Linear(NirNode node, string where, bool hasBias)
    {
        var w = Matrix(node, "weight", where);
        long nOut = w.Shape[0], nIn = w.Shape[1];
        var weight = tensor(w.Floats, [nOut, nIn]).T.contiguous();
        Tensor? bias = null;
        if (hasBias)
        {
            var b = Vector(node, "bias", nOut, where);
            bias = tensor(b, [nOut]);
            if (node.Metadata.TryGetValue(NirMetadata.ScalarBias, out var scalar) && scalar.Numbers.FirstOrDefault() == 1
                && b.All(x => x == b[0]))
                bias = tensor(b[0]);
        }
        UnusedFields(node, where, hasBias ? ["weight", "bias"] : ["weight"]);
        return new LinearTorch(nIn, nOut, hasBias, weight, bias is null ? (ParamInit?)null : bias);
    }

    /// <summary>The parts of a 4-node recurrent subgraph (Rockpool's rule: exactly 4 nodes, one CubaLIF and one
    /// Linear or Affine), or null for any other graph. Its edges are checked when it is converted.</summary>
    private static (NirNode Lif, NirNode Weights)? RecurrentParts(NirNode graph)
    {
        if (graph.Nodes.Count != 4) return null;
        var lif = graph.Nodes.Where(n => n.Type == "CubaLIF").ToList();
        var lin = graph.Nodes.Where(n => n.Type is "Linear" or "Affine").ToList();
        if (lif.Count != 1 || lin.Count != 1) return null;
        return (lif[0], lin[0]);
    }

    private LIFTorch Recurrent(NirNode graph, (NirNode Lif, NirNode Weights) parts, string where)
    {
        string inside = $"{where}/{graph.Name}";
        var input = graph.Nodes.FirstOrDefault(n => n.Type == "Input");
        var output = graph.Nodes.FirstOrDefault(n => n.Type == "Output");
        if (input is null || output is null)
            throw Refuse($"{where}: {graph.Label}: a recurrent subgraph has an Input and an Output node besides its CubaLIF and {parts.Weights.Type}.");
        string l = parts.Lif.Name, w = parts.Weights.Name;
        var expected = new HashSet<(string, string)> { (input.Name, l), (l, w), (w, l), (l, output.Name) };
        var actual = graph.Edges.ToHashSet();
        if (!actual.SetEquals(expected) || graph.Edges.Count != 4)
            throw Refuse($"{where}: {graph.Label}: a recurrent subgraph has exactly the edges {string.Join(", ", expected.Select(e => $"{e.Item1} -> {e.Item2}"))}; " +
                $"this one has {string.Join(", ", graph.Edges.Select(e => $"{e.Source} -> {e.Target}"))}.");
        long n = NeuronCount(parts.Lif, inside);
        var m = Matrix(parts.Weights, "weight", inside);
        if (m.Shape[0] != n || m.Shape[1] != n)
            throw Refuse($"{inside}: shape mismatch: {parts.Weights.Label} has weight [{string.Join(", ", m.Shape)}]; the recurrent weights of {n} neurons are [{n}, {n}].");
        if (parts.Weights.Type == "Affine")
        {
            var b = Vector(parts.Weights, "bias", n, inside);
            if (b.Any(x => x != 0))
                Warn($"{inside}: {parts.Weights.Label}: the recurrent bias (max |b| = {b.Max(Math.Abs):G4}) is dropped: LIFTorch's recurrence has no bias (Rockpool drops it too).");
        }
        // nir 1.0.4 does not check the ports' shapes (snnTorch's braille.nir has Input [12] on 38 neurons): warn only.
        foreach (var port in new[] { input, output })
        {
            long width = Widths(port, inside).Out;
            if (width != n)
                Warn($"{inside}: {port.Label} has shape {width} but the subgraph has {n} neurons; the port shape is ignored, as nir 1.0.4 and Rockpool do.");
        }
        UnusedFields(parts.Weights, inside, parts.Weights.Type == "Affine" ? ["weight", "bias"] : ["weight"]);
        var wRec = tensor(m.Floats, [n, n]).T.contiguous();
        return CubaLif(parts.Lif, inside, wRec, graph.Name);
    }

    private LIFTorch CubaLif(NirNode node, string where, Tensor? recurrent, string? displayName = null)
    {
        string at = $"{where}: {node.Label}";
        long n = NeuronCount(node, where);
        var tauMem = Vector(node, "tau_mem", n, where);
        var tauSyn = Vector(node, "tau_syn", n, where);
        var r = Require(node, "r", where);
        var vLeak = Vector(node, "v_leak", n, where);
        float[] threshold;
        if (node.Fields.ContainsKey("v_threshold")) threshold = Vector(node, "v_threshold", n, where);
        else
        {
            Warn($"{at}: no v_threshold (optional since nir 1.0.7); the threshold is LIFTorch's default, 1.");
            threshold = Enumerable.Repeat(1f, (int)n).ToArray();
        }
        if (node.Fields.TryGetValue("w_in", out var wIn) && wIn.Numbers.Any(x => x != 1))
            Warn($"{at}: w_in is not 1 everywhere; QatHost's LIFTorch has no input scaling, so w_in is ignored (Rockpool ignores it too). Fold it into the weights before.");
        if (node.Fields.TryGetValue("v_reset", out var vReset))
            Warn($"{at}: v_reset is present (nir 1.0.6+: reset to v_reset{(vReset.Numbers.Any(x => x != 0) ? ", here not 0" : "")}); QatHost, like Rockpool, resets by subtracting the threshold.");
        UnusedFields(node, where, ["tau_mem", "tau_syn", "r", "v_leak", "v_threshold", "w_in", "v_reset"]);

        if (NirMetadata.ReadLif(node, n, threshold, dt, recurrent, at, Warn) is { } restored) return restored;

        double layerDt = dt ?? DerivedDt(node, tauMem, r, n, where);
        if (dt is null)
            Warn(stepUnits
                ? $"{at}: dt = min(tau_mem / (1 + r)) = {layerDt:G6} (Rockpool's rule). This file (version 0.x, snnTorch style) counts time in steps, so its taus are step counts: pass dt: to choose the time step."
                : $"{at}: dt = min(tau_mem / (1 + r)) = {layerDt:G6} (Rockpool's rule); r is used for nothing else. Pass dt: to set the time step.");
        if (vLeak.Any(x => x != 0))
            Warn($"{at}: v_leak is imported as LIFTorch's per-step bias (Rockpool's mapping), not as a resting potential.");
        return new LIFTorch(n, tauMem: tensor(tauMem), tauSyn: tensor(tauSyn, [n, 1]), bias: tensor(vLeak),
            threshold: tensor(threshold), hasRec: recurrent is not null, wRec: recurrent is null ? (ParamInit?)null : recurrent, dt: layerDt);
    }

    /// <summary>Rockpool's dt* = min over neurons of tau_mem / (1 + r), evaluated in the file's dtype (spec §6).</summary>
    internal double DerivedDt(NirNode node, float[] tauMem, NirValue r, long n, string where, string tauField = "tau_mem")
    {
        if (r.IsString || r.Numbers.Length != n && r.Numbers.Length != 1)
            throw Refuse($"{where}: {node.Label}: field r is {r.Describe()}; expected {n} values.");
        var tau = Require(node, tauField, where);
        double best = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            double ri = r.Numbers[r.Numbers.Length == 1 ? 0 : i];
            double value = tau.DType == NirDType.Float32 && r.DType == NirDType.Float32
                ? tauMem[i] / (1f + (float)ri)
                : tau.Numbers[i] / (1.0 + ri);
            best = Math.Min(best, value);
        }
        if (!(best > 0) || !double.IsFinite(best))
            throw Refuse($"{where}: {node.Label}: min({tauField} / (1 + r)) = {best} is not a usable time step; pass dt:.");
        return best;
    }

    // ---------------------------------------------------------------- fields

    internal NirValue Require(NirNode node, string field, string where) =>
        node.Fields.TryGetValue(field, out var value)
            ? value
            : throw Refuse($"{where}: {node.Label} lacks field {field}.");

    internal NirValue Matrix(NirNode node, string field, string where)
    {
        var value = Require(node, field, where);
        if (value.IsString || value.Shape.Length != 2)
            throw Refuse($"{where}: {node.Label}: field {field} is {value.Describe()}; expected a 2-D array (out, in).");
        return value;
    }

    /// <summary>A per-neuron field with <paramref name="n"/> values (a single value is broadcast).</summary>
    internal float[] Vector(NirNode node, string field, long n, string where)
    {
        var value = Require(node, field, where);
        if (value.IsString || value.Numbers.Length != n && value.Numbers.Length != 1)
            throw Refuse($"{where}: shape mismatch: {node.Label}: field {field} is {value.Describe()}; expected {n} values.");
        return value.Numbers.Length == n ? value.Floats : Enumerable.Repeat((float)value.Numbers[0], (int)n).ToArray();
    }

    /// <summary>The neuron count of a neuron node: the shape of its threshold (or first per-neuron field).</summary>
    internal long NeuronCount(NirNode node, string where)
    {
        string[] keys = node.Type switch
        {
            "CubaLIF" => ["v_threshold", "tau_mem"],
            "LIF" => ["v_threshold", "tau"],
            "IF" => ["v_threshold", "r"],
            "LI" => ["tau", "r"],
            "I" => ["r"],
            "Scale" => ["scale"],
            "Delay" => ["delay"],
            _ => [],
        };
        foreach (var key in keys)
            if (node.Fields.TryGetValue(key, out var v) && !v.IsString)
            {
                if (v.Shape.Length != 1)
                    throw Refuse($"{where}: {node.Label}: field {key} is {v.Describe()}; expected one value per neuron (a 1-D array).");
                return v.Shape[0];
            }
        throw Refuse($"{where}: {node.Label} lacks field {keys.FirstOrDefault() ?? "?"}.");
    }

    internal void UnusedFields(NirNode node, string where, string[] known)
    {
        foreach (var field in node.Fields.Keys.Where(f => !known.Contains(f)))
            Warn($"{where}: {node.Label}: field {field} is not used by QatHost.");
        foreach (var key in node.Metadata.Keys.Where(k => !k.StartsWith(NirMetadata.Prefix, StringComparison.Ordinal)))
            Warn($"{where}: {node.Label}: metadata {key} is not used by QatHost.");
    }

    internal void Warning(string message) => Warn(message);

    internal double? Dt => dt;

    internal QatHostException Refuse(string message) => new($"Nir.Load: {path}: {message}");
}
