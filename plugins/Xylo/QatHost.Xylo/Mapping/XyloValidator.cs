using QatHost.Sdk.Hardware;

namespace QatHost.Xylo.Mapping;

/// <summary>
/// Every range and resource rule a configuration must meet (Xylo spec 2, 4.3, 8.3): what samna's closed
/// validator checks, restated. Violations name the layer a neuron came from when the configuration knows it.
/// </summary>
internal static class XyloValidator
{
    public static ValidationReport Validate(XyloConfig c, XyloTarget target)
    {
        var v = new ViolationList();
        string root = "configuration";
        if (c.Target != target)
            v.Error(root, "target", c.Target.Name, target.Name, $"the configuration is for {c.Target.Name}, not {target.Name}");
        if (c.InputChannels > target.InputChannels)
            v.Error(root, $"le_{target.InputChannels}_input_channels", $"{c.InputChannels} input channels", $"{target.InputChannels}", "too many input channels");
        if (c.Nhid > target.HiddenNeurons)
            v.Error(root, "hidden_neurons", $"{c.Nhid} hidden neurons", $"{target.HiddenNeurons}", "too many hidden neurons");
        if (c.OutputChannels > target.OutputNeurons)
            v.Error(root, $"le_{target.OutputNeurons}_output_channels", $"{c.OutputChannels} output neurons", $"{target.OutputNeurons}", "too many output neurons");
        if (c.Nsyn > target.SynapsesPerHiddenNeuron)
            v.Error(root, "max_synapses_per_neuron", $"{c.Nsyn} synapses per neuron", $"{target.SynapsesPerHiddenNeuron}", "too many synapses per hidden neuron");
        if (c.Nien > c.Nhid || c.Noen > c.Nhid)
            v.Error(root, "matrix_shapes", $"{c.Nien} input-expansion and {c.Noen} output-expansion rows", $"{c.Nhid} hidden neurons",
                "weights_in and weights_out cannot cover more neurons than there are hidden neurons");
        if (!(c.Dt > 0) || !double.IsFinite(c.Dt))
            v.Error(root, "dt_positive", $"dt {c.Dt}", "> 0", "the time step must be positive");
        foreach (var (name, shift) in new[] { ("weight_shift_in", c.WeightShiftIn), ("weight_shift_rec", c.WeightShiftRec), ("weight_shift_out", c.WeightShiftOut) })
            if (shift is < 0 or > 7) v.Error(root, "weight_shift_in_range", $"{name} {shift}", "0..7", "weight bit shifts are 3-bit fields");

        WeightRange(v, "weights_in", c.WeightsIn.Cast<int>(), root);
        WeightRange(v, "weights_rec", c.WeightsRec.Cast<int>(), root);
        WeightRange(v, "weights_out", c.WeightsOut.Cast<int>(), root);

        var hm = c.HiddenModules;
        var om = c.OutputModules;
        v.PerNeuron(hm, c.Threshold, t => t is >= 1 and <= 32767, "threshold_in_range", "threshold of hidden neuron", "1..32767",
            "thresholds must be 1..32767: a threshold below 1 fires 31 spikes every step", worse: t => t < 1 ? 1 - t : t - 32767);
        v.PerNeuron(om, c.ThresholdOut, t => t is >= 1 and <= 32767, "threshold_in_range", "threshold of output neuron", "1..32767",
            "thresholds must be 1..32767", worse: t => t < 1 ? 1 - t : t - 32767);
        DashRange(v, hm, c.DashMem, "dash_mem", "hidden");
        DashRange(v, hm, c.DashSyn, "dash_syn", "hidden");
        DashRange(v, om, c.DashMemOut, "dash_mem_out", "output");
        DashRange(v, om, c.DashSynOut, "dash_syn_out", "output");
        v.PerNeuron(hm, c.DashSyn, d => d >= 1, "dash_syn_at_least_1", "dash_syn of hidden neuron", ">= 1",
            "with dash_syn 0 the chip removes every synaptic input before it reaches the membrane (Rockpool issue #19)", worse: d => -d);
        v.PerNeuron(om, c.DashSynOut, d => d >= 1, "dash_syn_at_least_1", "dash_syn_out of output neuron", ">= 1",
            "with dash_syn 0 the chip removes every synaptic input before it reaches the membrane (Rockpool issue #19)", worse: d => -d);
        if (c.Nsyn > 1)
        {
            var usesSyn2 = Enumerable.Range(0, c.Nhid).Select(h => UsesSynapse2(c, h) ? c.DashSyn2[h] : 1).ToArray();
            DashRange(v, hm, c.DashSyn2, "dash_syn_2", "hidden");
            v.PerNeuron(hm, usesSyn2, d => d >= 1, "dash_syn_at_least_1", "dash_syn_2 of hidden neuron", ">= 1",
                "with dash_syn_2 0 the chip removes every input to synapse 2", worse: d => -d);
        }
        BiasRange(v, hm, c.Bias, "hidden", target);
        BiasRange(v, om, c.BiasOut, "output", target);

        if (c.Nien <= c.Nhid && c.Noen <= c.Nhid)
            ResourceRules.Check(target, c.Nhid, c.Nsyn, c.Nien, c.Noen, (i, j, k) => c.WeightsRec[i, j, k] != 0,
                c.Aliases, hm, root, v);
        return new ValidationReport($"{target.Name} configuration", v.Items);
    }

    private static bool UsesSynapse2(XyloConfig c, int h)
    {
        for (int i = 0; i < c.Nhid; i++) if (c.WeightsRec[i, h, 1] != 0) return true;
        if (h < c.Nien) for (int x = 0; x < c.InputChannels; x++) if (c.WeightsIn[x, h, 1] != 0) return true;
        return false;
    }

    private static void WeightRange(ViolationList v, string name, IEnumerable<int> values, string root)
    {
        var bad = values.Where(w => w is < -128 or > 127).ToList();
        if (bad.Count > 0)
            v.Error(root, "weights_in_int8_range", $"{name} {bad.MaxBy(Math.Abs)} ({bad.Count} value(s))", "-128..127",
                "weights are signed 8-bit; a larger value would wrap on the chip");
    }

    private static void DashRange(ViolationList v, string[] modules, int[] dashes, string name, string kind) =>
        v.PerNeuron(modules, dashes, d => d is >= 0 and <= 15, "dash_in_range", $"{name} of {kind} neuron", "0..15",
            "bit-shift decays are 4-bit (0..15)", worse: d => d < 0 ? -d : d - 15);

    private static void BiasRange(ViolationList v, string[] modules, int[] bias, string kind, XyloTarget target)
    {
        if (target.HasBias)
            v.PerNeuron(modules, bias, b => b is >= -32768 and <= 32767, "bias_in_range", $"bias of {kind} neuron", "-32768..32767",
                "biases are 16-bit", worse: b => Math.Abs(b));
        else
            v.PerNeuron(modules, bias, b => b == 0, "bias_supported", $"bias of {kind} neuron", "0 (no bias on this chip)",
                $"{target.DisplayName} neurons have no bias", worse: b => Math.Abs(b));
    }
}
