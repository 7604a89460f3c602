using QatHost.Sdk.Engine;

namespace QatHost.Xylo.Mapping;

/// <summary>Reads a LIF layer's per-neuron values for the mapper (Xylo spec 5.1).</summary>
internal static class NeuronReader
{
    /// <summary>Reads <paramref name="lif"/> (wrapped by <paramref name="outer"/>, or <paramref name="outer"/> itself).</summary>
    /// <remarks>
    /// Dashes: in <c>taus</c> and <c>decays</c> mode Rockpool's first-order map <c>dash = log2(tau / dt)</c>
    /// (spec 5.1; needed for the notebook's integers); in <c>bitshifts</c> mode the trained dash itself, which
    /// is exact where the tau round trip is only approximately so (defect 12).
    /// </remarks>
    public static NeuronParameters Read(Module outer, LIFTorch lif)
    {
        int n = (int)lif.NeuronCount, s = (int)lif.SynapseCount;
        double dt = lif.Dt;
        var (memName, synName) = lif.LeakMode.ParameterNames();
        var mem = LayerReader.Broadcast(LayerReader.Values(outer, memName), n);
        var synRaw = LayerReader.Values(outer, synName);
        var dashMem = mem.Select(v => Dash(lif.LeakMode, v, dt)).ToArray();
        var dashSyn = new double[n, s];
        for (int j = 0; j < n; j++)
            for (int k = 0; k < s; k++)
            {
                double v = synRaw.Length == 1 ? synRaw[0] : synRaw.Length == s ? synRaw[k] : synRaw[j * s + k];
                dashSyn[j, k] = Dash(lif.LeakMode, v, dt);
            }
        var maxSpikes = LayerReader.Flat(lif.FindAttribute("max_spikes_per_dt").Tensor)[0];
        return new NeuronParameters
        {
            Count = n,
            Synapses = s,
            DashMem = dashMem,
            DashSyn = dashSyn,
            Threshold = LayerReader.Broadcast(LayerReader.Values(outer, "threshold"), n),
            Bias = LayerReader.Broadcast(LayerReader.Values(outer, "bias"), n),
            Dt = dt,
            LeakMode = lif.LeakMode,
            MaxSpikesPerDt = maxSpikes,
            HasRec = lif.HasRec,
            WRec = lif.HasRec ? LayerReader.Matrix(outer, "w_rec") : null,
        };
    }

    private static double Dash(LeakMode mode, double value, double dt) => mode switch
    {
        LeakMode.Taus => Math.Log2(value / dt),
        LeakMode.Decays => value >= 1 ? double.PositiveInfinity : Math.Log2(-1.0 / Math.Log(value)),
        _ => value,
    };
}
