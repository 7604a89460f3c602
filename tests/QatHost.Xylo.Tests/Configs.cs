namespace QatHost.Xylo.Tests;

/// <summary>Hand-made configurations for simulator tests.</summary>
internal static class Configs
{
    public static XyloConfig Make(int[,,] wIn, int[,,] wRec, int[,] wOut, int[] dashMem, int[] dashSyn, int[] thr,
        int[] dashMemOut, int[] dashSynOut, int[] thrOut, int[][]? aliases = null, int[]? bias = null, int[]? dashSyn2 = null,
        int shiftIn = 0, int shiftRec = 0, int shiftOut = 0, XyloTarget? target = null, int[]? biasOut = null)
    {
        int nhid = dashMem.Length, nout = thrOut.Length;
        return new XyloConfig
        {
            Target = target ?? XyloTarget.XyloAudio2,
            WeightsIn = wIn, WeightsRec = wRec, WeightsOut = wOut,
            WeightShiftIn = shiftIn, WeightShiftRec = shiftRec, WeightShiftOut = shiftOut,
            DashMem = dashMem, DashSyn = dashSyn, DashSyn2 = dashSyn2 ?? new int[nhid], Threshold = thr, Bias = bias ?? new int[nhid],
            DashMemOut = dashMemOut, DashSynOut = dashSynOut, ThresholdOut = thrOut, BiasOut = biasOut ?? new int[nout],
            Aliases = aliases ?? Enumerable.Range(0, nhid).Select(_ => Array.Empty<int>()).ToArray(),
            Dt = 1e-3,
            HiddenModules = Enumerable.Repeat("", nhid).ToArray(), OutputModules = Enumerable.Repeat("", nout).ToArray(),
        };
    }

    /// <summary>A random valid configuration: sparse weights, dashes 1..7, small thresholds so that
    /// neurons fire and states saturate now and then.</summary>
    public static XyloConfig Random(int seed, int nin, int nhid, int nout, int nsyn, bool aliases, XyloTarget? target = null, double density = 0.3)
    {
        var r = new Random(seed);
        int W() => r.NextDouble() < density ? r.Next(-128, 128) : 0;
        var wIn = new int[nin, nhid, nsyn];
        var wRec = new int[nhid, nhid, nsyn];
        var wOut = new int[nhid, nout];
        for (int a = 0; a < nin; a++) for (int j = 0; j < nhid; j++) for (int k = 0; k < nsyn; k++) wIn[a, j, k] = W();
        for (int a = 0; a < nhid; a++) for (int j = 0; j < nhid; j++) for (int k = 0; k < nsyn; k++) wRec[a, j, k] = W();
        for (int a = 0; a < nhid; a++) for (int o = 0; o < nout; o++) wOut[a, o] = W();
        int[] Ints(int n, int lo, int hi) => Enumerable.Range(0, n).Select(_ => r.Next(lo, hi)).ToArray();
        var al = Enumerable.Range(0, nhid).Select(i => aliases && i < nhid - 1 && r.NextDouble() < 0.3 ? new[] { r.Next(i + 1, nhid) } : []).ToArray();
        return Make(wIn, wRec, wOut, Ints(nhid, 0, 8), Ints(nhid, 1, 8), Ints(nhid, 1, 3000), Ints(nout, 0, 8), Ints(nout, 1, 8), Ints(nout, 1, 3000),
            al, Ints(nhid, -200, 200), nsyn == 2 ? Ints(nhid, 1, 8) : null, r.Next(0, 8), r.Next(0, 8), r.Next(0, 8), target, Ints(nout, -200, 200));
    }

    public static int[,] RandomInput(int seed, int steps, int channels, int max = 20)
    {
        var r = new Random(seed);
        var x = new int[steps, channels];
        for (int t = 0; t < steps; t++) for (int c = 0; c < channels; c++) x[t, c] = r.NextDouble() < 0.3 ? r.Next(0, max) : 0;
        return x;
    }

    public static int[] Column(int[,] m, int c) => Enumerable.Range(0, m.GetLength(0)).Select(t => m[t, c]).ToArray();

    public static int[] Row(int[,] m, int r) => Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c]).ToArray();
}
