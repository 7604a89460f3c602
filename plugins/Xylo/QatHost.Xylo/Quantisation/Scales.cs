namespace QatHost.Xylo.Quantisation;

/// <summary>
/// The scale of every hidden and output neuron (Xylo spec 7.1-7.2). A neuron's incoming weights, threshold
/// and bias are all multiplied by its scale, which preserves its spike train up to rounding (7.3).
/// </summary>
internal sealed class Scales
{
    private const double Wmax = 127, Tmax = 32767;

    public required double[] Hidden { get; init; }

    public required double[] Output { get; init; }

    /// <summary>Neurons whose scale had to shrink so the threshold or bias fits 16 bits, by neuron.</summary>
    public List<int> LimitedHidden { get; } = [];

    public List<int> LimitedOutput { get; } = [];

    /// <summary>Rockpool's <c>global_quantize</c> ranges: <c>max(|W_in|, |W_rec|, |bias|)</c> for hidden neurons and
    /// <c>max(|W_out|, |bias_out|)</c> for outputs; with <paramref name="fuzzy"/>, |mean| + 2 std of the
    /// non-zero weights instead.</summary>
    public static Scales Global(XyloSpec s, bool fuzzy)
    {
        var hiddenWeights = Flat(s.WeightsIn).Concat(Flat(s.WeightsRec)).ToList();
        var outWeights = Flat(s.WeightsOut).ToList();
        double m = fuzzy ? Fuzzy(hiddenWeights) : hiddenWeights.Concat(s.Bias).Select(Math.Abs).DefaultIfEmpty(0).Max();
        double mOut = fuzzy ? Fuzzy(outWeights) : outWeights.Concat(s.BiasOut).Select(Math.Abs).DefaultIfEmpty(0).Max();
        double scale = m > 0 ? Wmax / m : 1, scaleOut = mOut > 0 ? Wmax / mOut : 1;
        var scales = new Scales { Hidden = Enumerable.Repeat(scale, s.Nhid).ToArray(), Output = Enumerable.Repeat(scaleOut, s.Nout).ToArray() };
        // Fix of defect 5: limit the whole group with one factor computed from floats (max |thr|, and bias).
        double limitHidden = Limit(scale, s.Threshold, s.Bias), limitOut = Limit(scaleOut, s.ThresholdOut, s.BiasOut);
        if (limitHidden < scale) { Array.Fill(scales.Hidden, limitHidden); scales.LimitedHidden.AddRange(Enumerable.Range(0, s.Nhid)); }
        if (limitOut < scaleOut) { Array.Fill(scales.Output, limitOut); scales.LimitedOutput.AddRange(Enumerable.Range(0, s.Nout)); }
        return scales;
    }

    /// <summary>Rockpool's <c>channel_quantize</c> ranges: per hidden neuron h the largest |weight| in its
    /// columns of W_in (when h receives input) and W_rec over both synapses; per output the largest |weight| in
    /// its W_out column. A neuron without incoming weights keeps scale 1 (Rockpool), or 127 / |bias| when it
    /// has a bias (else its bias would round away).</summary>
    public static Scales PerChannel(XyloSpec s)
    {
        var hidden = new double[s.Nhid];
        var output = new double[s.Nout];
        var scales = new Scales { Hidden = hidden, Output = output };
        for (int h = 0; h < s.Nhid; h++)
        {
            double m = 0;
            for (int k = 0; k < s.Nsyn; k++)
            {
                if (h < s.Nien) for (int c = 0; c < s.Nin; c++) m = Math.Max(m, Math.Abs(s.WeightsIn[c, h, k]));
                for (int i = 0; i < s.Nhid; i++) m = Math.Max(m, Math.Abs(s.WeightsRec[i, h, k]));
            }
            hidden[h] = Initial(m, s.Bias[h]);
            double limited = Limit(hidden[h], [s.Threshold[h]], [s.Bias[h]]);
            if (limited < hidden[h]) { hidden[h] = limited; scales.LimitedHidden.Add(h); }
        }
        for (int o = 0; o < s.Nout; o++)
        {
            double m = 0;
            for (int r = 0; r < s.Noen; r++) m = Math.Max(m, Math.Abs(s.WeightsOut[r, o]));
            output[o] = Initial(m, s.BiasOut[o]);
            double limited = Limit(output[o], [s.ThresholdOut[o]], [s.BiasOut[o]]);
            if (limited < output[o]) { output[o] = limited; scales.LimitedOutput.Add(o); }
        }
        return scales;
    }

    private static double Initial(double maxWeight, double bias) =>
        maxWeight > 0 ? Wmax / maxWeight : bias != 0 ? Wmax / Math.Abs(bias) : 1;

    /// <summary>The largest scale not above <paramref name="scale"/> that keeps every threshold and bias within
    /// 16 bits after rounding.</summary>
    private static double Limit(double scale, IEnumerable<double> thresholds, IEnumerable<double> biases)
    {
        double m = thresholds.Concat(biases).Select(Math.Abs).DefaultIfEmpty(0).Max();
        return Math.Round(m * scale) > Tmax ? Tmax / m : scale;
    }

    private static double Fuzzy(List<double> weights)
    {
        var nz = weights.Where(w => w != 0).ToList();
        if (nz.Count == 0) return 0;
        double mean = nz.Average();
        double std = Math.Sqrt(nz.Sum(w => (w - mean) * (w - mean)) / nz.Count);
        return Math.Abs(mean) + 2 * std;
    }

    internal static IEnumerable<double> Flat(Array a) => a.Cast<double>();
}
