using QatHost.Sdk;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Hardware;

namespace QatHost.Xylo.Mapping;

/// <summary>
/// Rockpool's <c>mapper</c> (Xylo spec 5): checks the design rules, allocates hardware neuron IDs and
/// assembles the chip's float matrices and per-neuron vectors. Every violation is collected and reported
/// together in one <see cref="DesignRuleException"/>.
/// </summary>
internal static class XyloMapper
{
    // Beyond this the dense matrices would be large and the count error already says what is wrong.
    private const int LargestAssembled = 4096;

    public static XyloSpec Map(Module network, XyloTarget target)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(target);
        string subject = $"{target.Name}: mapping {network.Path}";
        var graph = NetworkGraph.Of(network);
        var v = new ViolationList();
        v.AddRange(graph.Notes);
        GraphRules.Check(graph, target, v);
        if (v.HasErrors) throw new DesignRuleException(subject, Errors(v));

        var allocation = HardwareIds.Allocate(graph, target, v);
        if (allocation.HiddenCount > LargestAssembled || v.HasErrors) throw new DesignRuleException(subject, Errors(v));

        var spec = Assemble(graph, allocation, target, v);
        ResourceRules.Check(target, spec.Nhid, spec.Nsyn, spec.Nien, spec.Noen, (i, j, k) => spec.WeightsRec[i, j, k] != 0,
            spec.Aliases, spec.HiddenModules, graph.RootPath, v);
        if (v.HasErrors) throw new DesignRuleException(subject, Errors(v));
        return spec;
    }

    private static List<DesignRuleViolation> Errors(ViolationList v) =>
        v.Items.Where(i => i.Severity == ViolationSeverity.Error).ToList();

    private static XyloSpec Assemble(NetworkGraph graph, HardwareIds ids, XyloTarget target, ViolationList v)
    {
        int nin = graph.Inputs.Count, nhid = ids.HiddenCount, nout = ids.OutputCount;
        int nsyn = ids.Hidden.Keys.Select(m => m.Neurons!.Synapses).DefaultIfEmpty(1).Max();
        int nien = target.InputExpansionNeurons is null ? nhid : ids.InputExpansionCount;
        int noen = target.OutputExpansionNeurons is null ? nhid : ids.OutputExpansionCount;
        int firstOen = nhid - noen;
        var wIn = new double[nin, nien, nsyn];
        var wRec = new double[nhid, nhid, nsyn];
        var wOut = new double[noen, nout];

        var inputWeights = GraphRules.InputWeights(graph)!;
        foreach (var w in graph.Modules.Where(m => m.Kind == GraphModuleKind.Weights))
        {
            var target_ = w.Downstream.First(m => m.Kind == GraphModuleKind.Neurons);
            int s = target_.Neurons!.Synapses;
            var m = w.Weights!;
            if (w == inputWeights)
            {
                var tgt = ids.Hidden[target_];
                for (int c = 0; c < nin; c++)
                    for (int j = 0; j < tgt.Length; j++)
                        for (int k = 0; k < s; k++) wIn[c, tgt[j], k] = m[c, j * s + k];
                continue;
            }
            var src = ids.Hidden[w.Upstream.First(u => u.Kind == GraphModuleKind.Neurons)];
            if (ids.Hidden.TryGetValue(target_, out var hiddenTargets))
            {
                for (int i = 0; i < src.Length; i++)
                    for (int j = 0; j < hiddenTargets.Length; j++)
                        for (int k = 0; k < s; k++) wRec[src[i], hiddenTargets[j], k] = m[i, j * s + k];
            }
            else
            {
                var outs = ids.Outputs[target_];
                for (int i = 0; i < src.Length; i++)
                    for (int j = 0; j < outs.Length; j++) wOut[src[i] - firstOen, outs[j]] = m[i, j];
            }
        }

        var aliases = Enumerable.Range(0, nhid).Select(_ => new List<int>()).ToArray();
        foreach (var a in graph.Modules.Where(m => m.Kind == GraphModuleKind.Alias))
        {
            var src = ids.Hidden[a.Upstream.First(m => m.Kind == GraphModuleKind.Neurons)];
            var tgt = ids.Hidden[a.Outputs.SelectMany(n => n.Sources).First(m => m.Kind == GraphModuleKind.Neurons)];
            for (int i = 0; i < Math.Min(src.Length, tgt.Length); i++) aliases[src[i]].Add(tgt[i]);
        }

        var hidden = new PerNeuron(nhid);
        foreach (var (m, idList) in ids.Hidden) hidden.Fill(m, idList);
        var output = new PerNeuron(nout);
        foreach (var (m, idList) in ids.Outputs) output.Fill(m, idList);

        return new XyloSpec
        {
            Target = target,
            WeightsIn = wIn, WeightsRec = wRec, WeightsOut = wOut,
            DashMem = hidden.DashMem, DashSyn = hidden.DashSyn, DashSyn2 = hidden.DashSyn2,
            Threshold = hidden.Threshold, Bias = hidden.Bias,
            DashMemOut = output.DashMem, DashSynOut = output.DashSyn, ThresholdOut = output.Threshold, BiasOut = output.Bias,
            Aliases = aliases.Select(a => a.ToArray()).ToArray(),
            Dt = ids.Outputs.Keys.Concat(ids.Hidden.Keys).First().Neurons!.Dt,
            HiddenModules = hidden.Modules, OutputModules = output.Modules,
            Warnings = v.Items.Where(i => i.Severity == ViolationSeverity.Warning).ToList(),
        };
    }

    /// <summary>Per-neuron vectors filled module by module at the module's IDs (spec 5.5).</summary>
    private sealed class PerNeuron(int n)
    {
        public double[] DashMem { get; } = new double[n];
        public double[] DashSyn { get; } = new double[n];
        public double[] DashSyn2 { get; } = new double[n];
        public double[] Threshold { get; } = new double[n];
        public double[] Bias { get; } = new double[n];
        public string[] Modules { get; } = Enumerable.Repeat("", n).ToArray();

        public void Fill(GraphModule m, int[] ids)
        {
            var p = m.Neurons!;
            for (int j = 0; j < ids.Length; j++)
            {
                int id = ids[j];
                DashMem[id] = p.DashMem[j];
                DashSyn[id] = p.DashSyn[j, 0];
                if (p.Synapses > 1) DashSyn2[id] = p.DashSyn[j, 1];
                Threshold[id] = p.Threshold[j];
                Bias[id] = p.Bias[j];
                Modules[id] = m.Path;
            }
        }
    }
}
