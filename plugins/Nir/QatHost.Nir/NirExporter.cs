using QatHost.Sdk;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using static TorchSharp.torch;

namespace QatHost.Nir;

/// <summary>
/// Writes QatHost modules as a NIR graph (docs/nir.md): LinearTorch as Linear/Affine (weights transposed),
/// LIFTorch as CubaLIF (a recurrent one as the 4-node subgraph), Sequential as a chain, Residual as a skip edge
/// listed after the main path's edges, Input/Output shapes [N]. Node names are Rockpool's (module names joined
/// with "."). QatHost's own facts go into <c>qathost_</c> metadata; what NIR cannot say is a warning or an error
/// naming the module.
/// </summary>
internal sealed class NirExporter(string path)
{
    private readonly List<string> warnings = [];

    public IReadOnlyList<string> Warnings => warnings;

    public NirDocument Export(Module net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var graph = new NirNode("(top level)", "NIRGraph");
        var top = Unwrap(net, "network");
        bool bare = top is not Sequential;
        var tails = Emit(top, bare ? "rockpool" : "", ["input"], graph);
        foreach (var tail in tails) graph.Edges.Add((tail, "output"));
        graph.Nodes.Add(new NirNode("input", "Input").Add("shape", NirValue.Int64(net.SizeIn)));
        graph.Nodes.Add(new NirNode("output", "Output").Add("shape", NirValue.Int64(net.SizeOut)));
        // h5py lists group members by name; so does this writer, so files diff cleanly against Rockpool's.
        graph.Nodes.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        graph.Metadata[NirMetadata.Format] = new NirValue([1], [], NirDType.Int64);
        graph.Metadata[NirMetadata.Top] = new NirValue(top is Residual ? "TorchResidual" : top.ClassName);
        return new NirDocument(NirFile.WrittenVersion, graph);
    }

    /// <summary>Adds <paramref name="module"/>'s nodes fed by <paramref name="sources"/>; returns the nodes that feed what follows.</summary>
    private List<string> Emit(Module module, string name, List<string> sources, NirNode graph)
    {
        module = Unwrap(module, name);
        switch (module)
        {
            case Residual residual:
            {
                if (residual.Modules().Count == 0)
                    throw Refuse(module, "an empty Residual has nothing to export.");
                if (residual.Modules().Values.First() is Residual)
                    throw Refuse(module, "a Residual whose first module is another Residual would need the same skip edge twice; wrap the inner one in a Sequential with a layer before it.");
                // Main path first, then the skip edges: nirtorch's executor runs nodes in edge-list order (spec §6).
                return [.. Chain(residual, name, sources, graph), .. sources];
            }
            case Sequential sequential:
                if (sequential.Modules().Count == 0) throw Refuse(module, "an empty Sequential has nothing to export.");
                return Chain(sequential, name, sources, graph);
            case LinearTorch linear:
                graph.Nodes.Add(Linear(linear, name));
                break;
            case LIFTorch lif:
                graph.Nodes.Add(Lif(lif, name));
                break;
            default:
                if (NirNeurons.Export(this, module, name) is { } node)
                {
                    graph.Nodes.Add(node);
                    break;
                }
                throw Refuse(module, $"{module.ClassName} has no NIR equivalent. NIR export covers LinearTorch, LIFTorch, Sequential, Residual, " +
                    "LIFNeuronTorch, LITorch, ScaleTorch and DelayTorch.");
        }
        foreach (var source in sources) graph.Edges.Add((source, name));
        return [name];
    }

    private List<string> Chain(Sequential sequential, string name, List<string> sources, NirNode graph)
    {
        foreach (var (childName, child) in sequential.Modules())
            sources = Emit(child, name.Length == 0 ? childName : $"{name}.{childName}", sources, graph);
        return sources;
    }

    private Module Unwrap(Module module, string name)
    {
        if (module is not Wrapper wrapper) return module;
        string what = wrapper.AllModules().OfType<ActWrapper>().Any() ? "activity transforms" : "parameter transforms";
        Warn($"{Describe(wrapper.Layer, name)}: its {what} are not exported (NIR has no transforms); its stored parameters are. " +
            "Call net.BurnIn() first to export the transformed (e.g. quantised) values.");
        return wrapper.Layer;
    }

    private NirNode Linear(LinearTorch linear, string name)
    {
        var w = linear.FindAttribute("weight").Tensor.detach();
        var node = new NirNode(name, linear.HasBias ? "Affine" : "Linear")
            .Add("weight", Values(w.T.contiguous()));
        if (linear.HasBias)
        {
            var b = linear.FindAttribute("bias").Tensor.detach();
            node.Add("bias", Values(b.broadcast_to(linear.SizeOut).contiguous()));
            if (b.dim() == 0) node.Metadata[NirMetadata.ScalarBias] = new NirValue([1], [], NirDType.Int64);
        }
        return node;
    }

    private NirNode Lif(LIFTorch lif, string name)
    {
        if (lif.SynapseCount != 1)
            throw Refuse(lif, $"it has {lif.SynapseCount} synapses per neuron; NIR's CubaLIF has one synaptic current per neuron. " +
                "Export a layer with nOut = nIn (one synapse), or split the synapses into separate layers.");
        long n = lif.NeuronCount;
        var cuba = new NirNode(lif.HasRec ? "lif" : name, "CubaLIF");
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var tauMem = lif.TauMem.detach().reshape(-1).broadcast_to(n).contiguous();
            var tauSyn = lif.TauSyn.detach().reshape(-1).broadcast_to(n).contiguous();
            // Rockpool's to_nir: r = tau_mem * exp(-dt / tau_mem) / dt, in float32 (spec §5).
            var r = tauMem * exp(tauMem.reciprocal() * -lif.Dt) / lif.Dt;
            var threshold = lif.FindAttribute("threshold").Tensor.detach().reshape(-1).broadcast_to(n).contiguous();
            cuba.Add("tau_mem", Values(tauMem)).Add("tau_syn", Values(tauSyn)).Add("r", Values(r))
                .Add("v_leak", Values(zeros(n))).Add("v_threshold", Values(threshold)).Add("w_in", Values(ones(n)));
            var bias = lif.FindAttribute("bias").Tensor.detach();
            if ((bias != 0).any().item<bool>())
                Warn($"{Describe(lif, name)}: its bias (max |b| = {bias.abs().max().item<float>():G4}) has no NIR equivalent (v_leak is a resting " +
                    "potential, not a per-step input): written as v_leak = 0 for other readers; Nir.Load restores it from the qathost_ metadata.");
        }
        if ((double)lif.FindAttribute("noise_std").Value > 0)
            Warn($"{Describe(lif, name)}: membrane noise (noiseStd) has no NIR equivalent; only Nir.Load restores it (qathost_ metadata).");
        if (lif.SpikeGeneration != SpikeGeneration.StepPWL)
            Warn($"{Describe(lif, name)}: spike function {lif.SpikeGeneration} is not part of NIR; only Nir.Load restores it (qathost_ metadata).");
        if (lif.FindAttribute("max_spikes_per_dt").Tensor.item<float>() != 65536f)
            Warn($"{Describe(lif, name)}: maxSpikesPerDt = {lif.FindAttribute("max_spikes_per_dt").Tensor.item<float>()} is not part of NIR (other readers allow any count); only Nir.Load restores it (qathost_ metadata).");
        NirMetadata.WriteLif(lif, cuba.Metadata);
        if (!lif.HasRec) return cuba;

        // The recurrent LIF as Rockpool's from_nir reads it: {input, lif, w_rec: Linear(w_rec^T), output}.
        var sub = new NirNode(name, "NIRGraph");
        var wRec = lif.FindAttribute("w_rec").Tensor.detach();
        sub.Nodes.Add(new NirNode("input", "Input").Add("shape", NirValue.Int64(n)));
        sub.Nodes.Add(cuba);
        sub.Nodes.Add(new NirNode("output", "Output").Add("shape", NirValue.Int64(n)));
        sub.Nodes.Add(new NirNode("w_rec", "Linear").Add("weight", Values(wRec.T.contiguous())));
        sub.Edges.AddRange([("input", "lif"), ("lif", "w_rec"), ("w_rec", "lif"), ("lif", "output")]);
        return sub;
    }

    internal static NirValue Values(Tensor t)
    {
        var c = t.detach().to_type(ScalarType.Float32).contiguous();
        return new NirValue(c.data<float>().ToArray().Select(x => (double)x).ToArray(), c.shape, NirDType.Float32);
    }

    internal void Warn(string message) => warnings.Add(message);

    internal static string Describe(Module module, string name) =>
        $"{module.ClassName} '{(name.Length == 0 ? module.Path : name.Replace('.', '/'))}'";

    internal QatHostException Refuse(Module module, string message) =>
        new($"Nir.Save: {path}: {Describe(module, module.Name ?? module.Path)}: {message}");
}
