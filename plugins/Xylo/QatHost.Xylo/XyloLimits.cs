using QatHost.Sdk.Hardware;

namespace QatHost.Xylo;

/// <summary>Renders a target's numbers as the SDK's datasheet-style limit list.</summary>
internal static class XyloLimits
{
    public static IReadOnlyList<HardwareLimit> Describe(XyloTarget t) =>
    [
        new("input channels", $"{t.InputChannels}", "spec 2"),
        new("input events per channel and step", $"{t.MaxInputEvents} (more are clipped)", "spec 2, 8.4"),
        new("hidden neurons", $"{t.HiddenNeurons}", "spec 2"),
        new("synapses per hidden neuron", $"{t.SynapsesPerHiddenNeuron}", "spec 2, 6.3"),
        new("output neurons", $"{t.OutputNeurons} (1 synapse, not recurrent)", "spec 2, 2.1"),
        new("input projection", t.InputExpansionNeurons is { } ien ? $"first {ien} hidden neurons" : "all hidden neurons", "spec 2"),
        new("output projection", t.OutputExpansionNeurons is { } oen ? $"last {oen} hidden neurons" : "all hidden neurons", "spec 2"),
        new("recurrent fan-out per hidden neuron", t.MaxFanOut?.ToString() ?? "not documented (not checked)", "spec 2"),
        new("recurrent weights per synapse bank", t.RecurrentWeightsPerBank?.ToString() ?? "not documented (not checked)", "spec 2"),
        new("bias", t.HasBias ? "signed 16-bit" : "none", "spec 2"),
        new("weights", "signed 8-bit (-128..127)", "spec 2"),
        new("weight bit shift per matrix", $"0..{t.MaxWeightShift}", "spec 2, 4.3"),
        new("threshold", "1..32767 (16-bit)", "spec 2, 8.3"),
        new("decay bit shifts (dash_mem, dash_syn)", $"0..{t.MaxDash}; dash_syn >= 1", "spec 2, 4.3"),
        new("spikes per step", $"hidden {t.MaxHiddenSpikes}, output {t.MaxOutputSpikes}", "spec 2"),
        new("alias targets per hidden neuron", "1, with a higher neuron ID", "spec 2.1"),
        new("state (Isyn, Vmem)", "signed 16-bit, saturating", "spec 8.2"),
    ];
}
