namespace QatHost.Xylo.Simulation;

/// <summary>
/// A configuration laid out for simulation: weights pre-shifted into sparse per-source lists (zero weights
/// have no effect on the chip, spec 8.4), synaptic states flattened bank by bank (<c>k·Nhid + j</c>).
/// </summary>
internal sealed class XyloSimNetwork
{
    public const int MaxInputEvents = 15, MaxHiddenSpikes = 31, MaxOutputSpikes = 1;

    public XyloSimNetwork(XyloConfig c)
    {
        (Nin, Nhid, Nout, Nsyn, Model) = (c.InputChannels, c.Nhid, c.OutputChannels, c.Nsyn, c.Target.NeuronModel);
        InTargets = new int[Nin][];
        InWeights = new int[Nin][];
        for (int ch = 0; ch < Nin; ch++)
            (InTargets[ch], InWeights[ch]) = Sparse(c.Nien, Nsyn, (j, k) => c.WeightsIn[ch, j, k] << c.WeightShiftIn);
        RecTargets = new int[Nhid][];
        RecWeights = new int[Nhid][];
        OutTargets = new int[Nhid][];
        OutWeights = new int[Nhid][];
        int firstOen = Nhid - c.Noen;
        for (int i = 0; i < Nhid; i++)
        {
            (RecTargets[i], RecWeights[i]) = Sparse(Nhid, Nsyn, (j, k) => c.WeightsRec[i, j, k] << c.WeightShiftRec);
            if (i >= firstOen)
                (OutTargets[i], OutWeights[i]) = Sparse(Nout, 1, (o, _) => c.WeightsOut[i - firstOen, o] << c.WeightShiftOut);
        }
        DashSyn = Nsyn > 1 ? [.. c.DashSyn, .. c.DashSyn2] : c.DashSyn.ToArray();
        DashMem = c.DashMem.ToArray();
        Threshold = c.Threshold.ToArray();
        Bias = c.Bias.ToArray();
        Alias = c.Aliases.Select(a => a.Length > 0 ? a[0] : -1).ToArray();
        DashSynOut = c.DashSynOut.ToArray();
        DashMemOut = c.DashMemOut.ToArray();
        ThresholdOut = c.ThresholdOut.ToArray();
        BiasOut = c.BiasOut.ToArray();
    }

    public int Nin { get; }
    public int Nhid { get; }
    public int Nout { get; }
    public int Nsyn { get; }
    public XyloNeuronModel Model { get; }
    public int[][] InTargets { get; }
    public int[][] InWeights { get; }
    public int[][] RecTargets { get; }
    public int[][] RecWeights { get; }
    /// <summary>Readout targets per hidden neuron; null for neurons that cannot drive outputs.</summary>
    public int[]?[] OutTargets { get; }
    public int[]?[] OutWeights { get; }
    public int[] DashSyn { get; }
    public int[] DashMem { get; }
    public int[] Threshold { get; }
    public int[] Bias { get; }
    /// <summary>The alias target per hidden neuron, or -1.</summary>
    public int[] Alias { get; }
    public int[] DashSynOut { get; }
    public int[] DashMemOut { get; }
    public int[] ThresholdOut { get; }
    public int[] BiasOut { get; }

    /// <summary>Non-zero entries of a <c>[count, synapses]</c> row as (state index <c>k·count + j</c>, weight),
    /// in ascending target order.</summary>
    private static (int[] Targets, int[] Weights) Sparse(int count, int synapses, Func<int, int, int> weight)
    {
        var targets = new List<int>();
        var weights = new List<int>();
        for (int j = 0; j < count; j++)
            for (int k = 0; k < synapses; k++)
            {
                int w = weight(j, k);
                if (w == 0) continue;
                targets.Add(k * count + j);
                weights.Add(w);
            }
        return (targets.ToArray(), weights.ToArray());
    }
}
