namespace QatHost.Xylo.Tests;

/// <summary>
/// A second, deliberately literal implementation of Xylo spec 8.2-8.4, written from the text only: one
/// saturating addition per event, the decay with its explicit "if zero use the sign" fallback, the spike
/// loop, aliases applied in ID order. Slow and obvious; the fast simulator must agree with it exactly.
/// </summary>
internal sealed class ReferenceXylo(XyloConfig c)
{
    private readonly int[,] isyn = new int[c.Nhid, c.Nsyn];
    private readonly int[] vmem = new int[c.Nhid], counts = new int[c.Nhid], isynOut = new int[c.OutputChannels], vmemOut = new int[c.OutputChannels];

    public static int Sat16(long x) => (int)Math.Min(32767, Math.Max(-32768, x));

    public static int D(int v, int d)
    {
        int shifted = (int)Math.Floor(v / Math.Pow(2, d));
        if (shifted == 0 && v != 0) return Math.Sign(v);
        return shifted;
    }

    /// <summary>Output spikes <c>(T, Nout)</c> and hidden counts <c>(T, Nhid)</c>, plus hidden Vmem.</summary>
    public (int[,] Out, int[,] Spikes, int[,] Vmem) Run(int[,] x)
    {
        int steps = x.GetLength(0), nhid = c.Nhid, nout = c.OutputChannels;
        var output = new int[steps, nout];
        var spikes = new int[steps, nhid];
        var vm = new int[steps, nhid];
        for (int t = 0; t < steps; t++)
        {
            for (int ch = 0; ch < c.InputChannels; ch++)
            {
                int n = Math.Min(x[t, ch], 15);
                for (int j = 0; j < c.Nien; j++)
                    for (int k = 0; k < c.Nsyn; k++)
                        if (c.WeightsIn[ch, j, k] != 0)
                            for (int e = 0; e < n; e++) isyn[j, k] = Sat16(isyn[j, k] + ((long)c.WeightsIn[ch, j, k] << c.WeightShiftIn));
            }
            for (int i = 0; i < nhid; i++)
            {
                int n = Math.Min(counts[i], 31);
                for (int j = 0; j < nhid; j++)
                    for (int k = 0; k < c.Nsyn; k++)
                        if (c.WeightsRec[i, j, k] != 0)
                            for (int e = 0; e < n; e++) isyn[j, k] = Sat16(isyn[j, k] + ((long)c.WeightsRec[i, j, k] << c.WeightShiftRec));
            }
            int firstOen = nhid - c.Noen;
            for (int i = firstOen; i < nhid; i++)
                for (int o = 0; o < nout; o++)
                    if (c.WeightsOut[i - firstOen, o] != 0)
                        for (int e = 0; e < counts[i]; e++) isynOut[o] = Sat16(isynOut[o] + ((long)c.WeightsOut[i - firstOen, o] << c.WeightShiftOut));
            Array.Clear(counts);
            for (int i = 0; i < nhid; i++)
            {
                var dashes = c.Nsyn == 2 ? new[] { c.DashSyn[i], c.DashSyn2[i] } : new[] { c.DashSyn[i] };
                counts[i] = Evolve(ref vmem[i], i, dashes, c.DashMem[i], c.Threshold[i], c.Bias[i], counts[i], 31, hidden: true);
                foreach (int a in c.Aliases[i]) counts[a] = Math.Min(counts[a] + counts[i], 31);
                vm[t, i] = vmem[i];
            }
            for (int i = 0; i < nhid; i++) spikes[t, i] = counts[i];
            for (int o = 0; o < nout; o++)
                output[t, o] = Evolve(ref vmemOut[o], o, [c.DashSynOut[o]], c.DashMemOut[o], c.ThresholdOut[o], c.BiasOut[o], 0, 1, hidden: false);
        }
        return (output, spikes, vm);
    }

    private int Evolve(ref int v, int index, int[] dashSyn, int dashMem, int thr, int bias, int n0, int nmax, bool hidden)
    {
        long current = 0;
        for (int k = 0; k < dashSyn.Length; k++)
        {
            int s = hidden ? isyn[index, k] : isynOut[index];
            s -= D(s, dashSyn[k]);
            if (hidden) isyn[index, k] = s; else isynOut[index] = s;
            current += s;
        }
        if (c.Target.NeuronModel == XyloNeuronModel.V2)
        {
            int dv = Sat16(-D(v, dashMem) + current);
            dv = Sat16(dv + bias);
            v = Sat16(v + dv);
        }
        else
        {
            v = Sat16(v - D(v, dashMem) + current);
        }
        int n = n0;
        while (v >= thr && n < nmax) { n++; v -= thr; }
        return n;
    }
}
