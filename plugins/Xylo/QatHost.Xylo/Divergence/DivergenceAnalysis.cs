using QatHost.Sdk;
using QatHost.Sdk.Data;
using QatHost.Sdk.Engine;
using QatHost.Xylo.Simulation;
using static TorchSharp.torch;

namespace QatHost.Xylo.Divergence;

/// <summary>Computes a <see cref="DivergenceReport"/>: runs the three models, lines them up by hardware neuron ID and
/// compares them layer by layer and step by step.</summary>
internal static class DivergenceAnalysis
{
    public static DivergenceReport Compare(Module floatNet, Module quantisedNet, XyloConfig config, Tensor input, Dataset? data)
    {
        ArgumentNullException.ThrowIfNull(floatNet);
        ArgumentNullException.ThrowIfNull(quantisedNet);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 2 || input.shape[1] != config.InputChannels)
            throw new QatHostException($"Xylo.Divergence: the input has shape ({string.Join(", ", input.shape)}); expected (T, {config.InputChannels}) for {config.Target.Name}.");

        var f = ModelTrace.Run(floatNet, config, input);
        var q = ModelTrace.Run(quantisedNet, config, input);
        var sim = Xylo.Simulator(config);
        var chip = sim.Evolve(input, record: true);
        var layers = new List<LayerDivergence>();
        var steps = new List<(double[], double[], long[])>();
        Add(config.HiddenModules, false, f.Spikes, q.Spikes, chip.Record["Spikes"], f.Vmem, q.Vmem, chip.Record["Vmem"], config.HiddenScales, config.Threshold, layers, steps);
        Add(config.OutputModules, true, f.Out, q.Out, chip.Output, f.VmemOut, q.VmemOut, chip.Record["Vmem_out"], config.OutputScales, config.ThresholdOut, layers, steps);
        var classification = data is null ? null : Classify(floatNet, quantisedNet, sim, data);
        return new DivergenceReport(layers, steps, classification);
    }

    private static void Add(string[] modules, bool isOutput, double[,] fs, double[,] qs, int[,] cs, double[,] fv, double[,] qv, int[,] cv,
        double[]? scales, int[] thresholds, List<LayerDivergence> layers, List<(double[], double[], long[])> steps)
    {
        int T = cs.GetLength(0);
        foreach (var group in Enumerable.Range(0, modules.Length).GroupBy(i => modules[i]))
        {
            var ids = group.ToArray();
            var (fTotal, qTotal, cTotal) = (new double[T], new double[T], new long[T]);
            int? firstF = null, firstQ = null;
            int equalF = 0, equalQ = 0;
            double errF = 0, errQ = 0;
            for (int t = 0; t < T; t++)
            {
                bool sameF = true, sameQ = true;
                foreach (int i in ids)
                {
                    fTotal[t] += fs[t, i]; qTotal[t] += qs[t, i]; cTotal[t] += cs[t, i];
                    sameF &= fs[t, i] == cs[t, i];
                    sameQ &= qs[t, i] == cs[t, i];
                    double scale = scales?[i] ?? double.NaN;
                    errF += Math.Abs(fv[t, i] * scale - cv[t, i]);
                    errQ += Math.Abs(qv[t, i] * scale - cv[t, i]);
                }
                if (sameF) equalF++; else firstF ??= t;
                if (sameQ) equalQ++; else firstQ ??= t;
            }
            double cells = Math.Max(1, (double)T * ids.Length);
            layers.Add(new LayerDivergence(group.Key, ids.Length, isOutput, fTotal.Sum(), qTotal.Sum(), cTotal.Sum(),
                T == 0 ? 1 : equalF / (double)T, T == 0 ? 1 : equalQ / (double)T, firstF, firstQ,
                errF / cells, errQ / cells, ids.Average(i => (double)thresholds[i])));
            steps.Add((fTotal, qTotal, cTotal));
        }
    }

    private static ClassificationAgreement Classify(Module floatNet, Module quantisedNet, XyloSim sim, Dataset data)
    {
        if (!data.HasLabels) throw new QatHostException($"Xylo.Divergence: dataset {data.Source} has no class labels to compare classifications with.");
        var labels = data.Targets.to_type(ScalarType.Int64).data<long>().ToArray();
        var pf = Predict(floatNet, data);
        var pq = Predict(quantisedNet, data);
        var pc = new int[data.Count];
        for (long n = 0; n < data.Count; n++)
        {
            using var scope = NewDisposeScope();
            sim.Reset();
            pc[n] = ArgMax(sim.Evolve(data.Inputs[n]).OutputCounts().Select(c => (double)c).ToArray());
        }
        double Fraction(Func<long, bool> hit) => Enumerable.Range(0, (int)data.Count).Count(i => hit(i)) / (double)data.Count;
        return new ClassificationAgreement(data.Count, Fraction(i => pf[i] == labels[i]), Fraction(i => pq[i] == labels[i]),
            Fraction(i => pc[i] == labels[i]), Fraction(i => pf[i] == pc[i]), Fraction(i => pq[i] == pc[i]));
    }

    private static int[] Predict(Module net, Dataset data)
    {
        var predictions = new List<int>();
        foreach (var batch in data.Batches(64))
        {
            using var scope = NewDisposeScope();
            net.ResetState();
            Tensor counts;
            using (no_grad()) counts = net.Evolve(batch.Inputs).Output.sum(1).to_type(ScalarType.Float64);
            var flat = counts.contiguous().data<double>().ToArray();
            int classes = (int)counts.shape[1];
            for (int b = 0; b < counts.shape[0]; b++) predictions.Add(ArgMax(flat.AsSpan(b * classes, classes).ToArray()));
        }
        net.ResetState();
        return predictions.ToArray();
    }

    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
