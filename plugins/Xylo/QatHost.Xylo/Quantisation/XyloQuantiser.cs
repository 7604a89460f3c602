using QatHost.Sdk.Hardware;
using QatHost.Xylo.Mapping;

namespace QatHost.Xylo.Quantisation;

/// <summary>
/// Converts a mapped <see cref="XyloSpec"/> to a <see cref="XyloConfig"/> (Xylo spec 7): weights to int8,
/// thresholds and biases to 16 bits, dashes rounded (half to even, as numpy). Fixes Rockpool's scaling
/// defects 4-7 (spec 11): output biases use the output scale; the 16-bit threshold limit shrinks the scale of
/// the affected group (or neuron) only, recomputed from the floats (no double rounding) and including biases;
/// values beyond int8 are clipped and reported, never wrapped; per-channel scaling scales every hidden bias.
/// </summary>
internal static class XyloQuantiser
{
    public static XyloConfig Quantise(XyloSpec spec, QuantiseMethod method = QuantiseMethod.PerChannel, bool useWeightShift = false)
    {
        var scales = method == QuantiseMethod.PerChannel ? Scales.PerChannel(spec) : Scales.Global(spec, method == QuantiseMethod.GlobalFuzzy);
        var notes = new NoteCollector(spec);
        int shift = useWeightShift ? LargestShift(spec.Threshold, spec.Bias, scales.Hidden, spec.Target.MaxHiddenSpikes) : 0;
        int shiftOut = useWeightShift ? LargestShift(spec.ThresholdOut, spec.BiasOut, scales.Output, spec.Target.MaxOutputSpikes) : 0;
        int gain = 1 << shift, gainOut = 1 << shiftOut;

        var wIn = new int[spec.Nin, spec.Nien, spec.Nsyn];
        for (int c = 0; c < spec.Nin; c++)
            for (int h = 0; h < spec.Nien; h++)
                for (int k = 0; k < spec.Nsyn; k++) wIn[c, h, k] = notes.Weight(spec.WeightsIn[c, h, k], scales.Hidden[h], spec.HiddenModules[h]);
        var wRec = new int[spec.Nhid, spec.Nhid, spec.Nsyn];
        for (int i = 0; i < spec.Nhid; i++)
            for (int h = 0; h < spec.Nhid; h++)
                for (int k = 0; k < spec.Nsyn; k++) wRec[i, h, k] = notes.Weight(spec.WeightsRec[i, h, k], scales.Hidden[h], spec.HiddenModules[h]);
        var wOut = new int[spec.Noen, spec.Nout];
        for (int r = 0; r < spec.Noen; r++)
            for (int o = 0; o < spec.Nout; o++) wOut[r, o] = notes.Weight(spec.WeightsOut[r, o], scales.Output[o], spec.OutputModules[o]);

        var config = new XyloConfig
        {
            Target = spec.Target,
            WeightsIn = wIn, WeightsRec = wRec, WeightsOut = wOut,
            WeightShiftIn = shift, WeightShiftRec = shift, WeightShiftOut = shiftOut,
            DashMem = Round(spec.DashMem), DashSyn = Round(spec.DashSyn), DashSyn2 = Round(spec.DashSyn2),
            Threshold = notes.Thresholds(spec.Threshold, scales.Hidden, gain, spec.HiddenModules),
            Bias = notes.Biases(spec.Bias, scales.Hidden, gain, spec.HiddenModules),
            DashMemOut = Round(spec.DashMemOut), DashSynOut = Round(spec.DashSynOut),
            ThresholdOut = notes.Thresholds(spec.ThresholdOut, scales.Output, gainOut, spec.OutputModules),
            BiasOut = notes.Biases(spec.BiasOut, scales.Output, gainOut, spec.OutputModules),
            Aliases = spec.Aliases.Select(a => a.ToArray()).ToArray(),
            Dt = spec.Dt,
            HiddenModules = spec.HiddenModules.ToArray(), OutputModules = spec.OutputModules.ToArray(),
            Warnings = spec.Warnings,
            Quantisation = notes.Report(method, scales, shift, shiftOut),
            HiddenScales = scales.Hidden.Select(x => x * gain).ToArray(),
            OutputScales = scales.Output.Select(x => x * gainOut).ToArray(),
        };
        var report = XyloValidator.Validate(config, spec.Target);
        if (!report.IsValid) throw new DesignRuleException($"{spec.Target.Name}: quantising", report.Errors);
        return config;
    }

    /// <summary>Spec 7.3's recommendation, with headroom: the largest shift k (0..7) such that every threshold and
    /// bias times 2^k times (cap + 1) fits 16 bits, so small states keep more precision under the floor-shift
    /// decay while the membrane can still hold the charge of a full burst of <paramref name="cap"/> spikes.
    /// (Spec 7.3 fills the whole 16-bit range; measured on scripts/deploy-xylo.csx that caps hidden neurons at
    /// about 2 spikes per step and loses most of the activity.)</summary>
    private static int LargestShift(double[] thresholds, double[] biases, double[] scales, int cap)
    {
        double m = 0;
        for (int i = 0; i < thresholds.Length; i++)
            m = Math.Max(m, Math.Max(Math.Abs(thresholds[i]), Math.Abs(biases[i])) * scales[i]);
        int k = 0;
        while (k < 7 && Math.Round(m * (1 << (k + 1))) * (cap + 1) <= 32767) k++;
        return k;
    }

    private static int[] Round(double[] values) => values.Select(v => (int)Math.Round(v)).ToArray();
}
