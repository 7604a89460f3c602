using QatHost.Sdk.Engine;

namespace QatHost.Xylo.Mapping;

/// <summary>
/// Checks of one LIF layer against the chip (Xylo spec 4.1 conversion errors, 4.3, 9): synapse counts,
/// time constants that the bit-shift decay cannot represent, spike caps, bias support.
/// </summary>
internal static class NeuronRules
{
    public static void Check(GraphModule module, bool isOutput, XyloTarget target, ViolationList v)
    {
        var p = module.Neurons!;
        string path = module.Path;
        if (isOutput && p.Synapses != 1)
            v.Error(path, "output_neurons_have_one_synapse", $"{p.Synapses} synapses per neuron", "1",
                "output neurons have one synapse: build the last LIFTorch with nIn equal to its neuron count");
        if (!isOutput && p.Synapses > target.SynapsesPerHiddenNeuron)
            v.Error(path, "max_synapses_per_neuron", $"{p.Synapses} synapses per neuron", $"{target.SynapsesPerHiddenNeuron}",
                target == XyloTarget.XyloAudio3
                    ? "XyloAudio 3 configurations carry one synapse per neuron (Rockpool silently drops the second): use nIn equal to the neuron count"
                    : $"{target.DisplayName} neurons have {target.SynapsesPerHiddenNeuron} synaptic state(s)");

        CheckDashes(path, "tau_mem", p.DashMem, p.Dt, p.LeakMode, isMembrane: true, v);
        var syn = new double[p.Count * p.Synapses];
        for (int j = 0; j < p.Count; j++)
            for (int k = 0; k < p.Synapses; k++) syn[j * p.Synapses + k] = p.DashSyn[j, k];
        CheckDashes(path, "tau_syn", syn, p.Dt, p.LeakMode, isMembrane: false, v);

        int cap = isOutput ? target.MaxOutputSpikes : target.MaxHiddenSpikes;
        if (p.MaxSpikesPerDt > cap)
            v.Warn(path, "spike_cap", $"maxSpikesPerDt {Format.N(p.MaxSpikesPerDt)}", $"{cap}",
                $"the chip emits at most {cap} spike(s) per step from {(isOutput ? "an output" : "a hidden")} neuron; train with maxSpikesPerDt: {cap} to match");
        if (!target.HasBias && p.Bias.Any(b => b != 0))
            v.Error(path, "bias_supported", $"bias up to {Format.N(p.Bias.Max(Math.Abs))}", "0 (no bias on this chip)",
                $"{target.DisplayName} neurons have no bias: train with bias 0");
    }

    private static void CheckDashes(string path, string name, double[] dashes, double dt, LeakMode mode, bool isMembrane, ViolationList v)
    {
        if (dashes.Length == 0) return;
        string dashName = isMembrane ? "dash_mem" : "dash_syn";
        bool fromTau = mode != LeakMode.Bitshifts;
        double lowest = dashes.Min(), highest = dashes.Max();
        if (fromTau && (lowest <= 0 || double.IsNaN(lowest)))
            v.Error(path, "time_constants_above_dt", $"{name} {Format.Ms(dt * Math.Pow(2, lowest))}", $"> dt = {Format.Ms(dt)}",
                $"{name} <= dt cannot be converted to a bit-shift decay");
        else if (!isMembrane && Math.Round(lowest) == 0)
            v.Error(path, "dash_syn_at_least_1", $"{dashName} {Format.N(lowest)} rounds to 0" + (fromTau ? $" ({name} {Format.Ms(dt * Math.Pow(2, lowest))}, dt {Format.Ms(dt)})" : ""),
                fromTau ? $"{name} >= {Format.Ms(dt * Math.Sqrt(2))} (sqrt(2) dt)" : $"{dashName} >= 0.5",
                "with dash_syn 0 the chip removes every synaptic input before it reaches the membrane, so the layer never fires (Rockpool issue #19)");
        else if (isMembrane && Math.Round(lowest) == 0)
            v.Warn(path, "dash_mem_zero", $"{dashName} {Format.N(lowest)} rounds to 0", $"{dashName} >= 1",
                "with dash_mem 0 the membrane forgets everything every step");
        if (Math.Round(highest) > 15)
            v.Error(path, "dash_in_range", $"{dashName} {Format.N(highest)}" + (fromTau ? $" ({name} {Format.Ms(dt * Math.Pow(2, highest))})" : ""),
                fromTau ? $"{dashName} <= 15 ({name} < {Format.Ms(dt * Math.Pow(2, 15.5))})" : $"{dashName} <= 15",
                "bit-shift decays are 4-bit (0..15)");
        if (!fromTau || lowest <= 0 || Math.Round(highest) > 15) return;
        double offset = dashes.Max(d => Math.Abs(d - Math.Round(d)));
        if (offset <= 0.01) return;
        double worst = dashes.First(d => Math.Abs(Math.Abs(d - Math.Round(d)) - offset) < 1e-12);
        int rounded = (int)Math.Round(worst);
        v.Warn(path, "bitshift_decay_rounding", $"{name} {Format.Ms(dt * Math.Pow(2, worst))} -> {dashName} {Format.N(worst)}", "whole bit shifts",
            $"deploys as {dashName} {rounded}, a decay of 1 - 2^-{rounded} per step (tau {Format.Ms(Format.EffectiveTau(rounded, dt))}); train with leakMode: LeakMode.Bitshifts and whole dashes to match");
    }
}
