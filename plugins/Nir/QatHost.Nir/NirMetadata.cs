using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace QatHost.Nir;

/// <summary>
/// QatHost's own facts in a NIR file's <c>metadata</c> groups (keys starting <c>qathost_</c>), which plain NIR
/// cannot hold: a LIF layer's dt, leak mode, native leak parameters, bias and threshold with their shapes, spike
/// function, spike cap, learning window and noise. Other readers ignore them; <see cref="Nir.Load"/> uses them to
/// rebuild the layer exactly. Only node types whose nir 1.0.4 class has a metadata field carry them (CubaLIF,
/// Affine, NIRGraph; not Linear).
/// </summary>
internal static class NirMetadata
{
    public const string Prefix = "qathost_";
    public const string Format = "qathost_format";
    public const string Top = "qathost_top";
    public const string ScalarBias = "qathost_scalar_bias";
    private const string Dt = "qathost_dt";
    private const string LeakModeKey = "qathost_leak_mode";
    private const string Mem = "qathost_leak_mem";
    private const string Syn = "qathost_leak_syn";
    private const string Bias = "qathost_bias";
    private const string Threshold = "qathost_threshold";
    private const string ThresholdUnits = "qathost_threshold_units";
    private const string MaxSpikes = "qathost_max_spikes_per_dt";
    private const string Window = "qathost_learning_window";
    private const string Noise = "qathost_noise_std";
    private const string Spike = "qathost_spike_generation";

    /// <summary>Everything that makes <paramref name="lif"/> what it is, beyond what CubaLIF says.</summary>
    public static void WriteLif(LIFTorch lif, Dictionary<string, NirValue> metadata)
    {
        var (mem, syn) = lif.LeakMode.ParameterNames();
        metadata[Dt] = NirValue.Float64Scalar(lif.Dt);
        metadata[LeakModeKey] = new NirValue(lif.LeakMode.RockpoolName());
        metadata[Mem] = Native(lif, mem);
        metadata[Syn] = Native(lif, syn);
        metadata[Bias] = Native(lif, "bias");
        metadata[Threshold] = Native(lif, "threshold");
        metadata[ThresholdUnits] = new NirValue("input units per step: v rises by the summed synaptic input each step, spikes count floor(v / threshold)");
        metadata[MaxSpikes] = NirValue.Float64Scalar(Scalar(lif, "max_spikes_per_dt"));
        metadata[Window] = NirValue.Float64Scalar(Scalar(lif, "learning_window"));
        metadata[Noise] = NirValue.Float64Scalar((double)lif.FindAttribute("noise_std").Value);
        metadata[Spike] = new NirValue(lif.SpikeGeneration.ToString());
    }

    /// <summary>The layer QatHost saved, when the node carries its metadata and agrees with it; null otherwise.</summary>
    public static LIFTorch? ReadLif(NirNode node, long n, float[] threshold, double? dtOverride, Tensor? wRec, string at, Action<string> warn)
    {
        var m = node.Metadata;
        if (!m.ContainsKey(Dt)) return null;
        try
        {
            var mode = m[LeakModeKey].Text switch
            {
                "taus" => LeakMode.Taus,
                "decays" => LeakMode.Decays,
                "bitshifts" => LeakMode.Bitshifts,
                var other => throw new FormatException($"leak mode {other}"),
            };
            var thr = Tensor(m[Threshold]);
            // Another tool may have edited the NIR values and kept our metadata: then the NIR values win.
            var broadcast = thr.broadcast_to(n).data<float>().ToArray();
            if (!broadcast.SequenceEqual(threshold))
            {
                warn($"{at}: its qathost_ metadata disagrees with v_threshold (the file was changed after QatHost wrote it); imported from the NIR fields.");
                return null;
            }
            var spike = Enum.Parse<SpikeGeneration>(m[Spike].Text!);
            var memValue = Tensor(m[Mem]);
            var synValue = Tensor(m[Syn]);
            var args = mode switch
            {
                LeakMode.Taus => (tauMem: (ParamInit?)memValue, tauSyn: (ParamInit?)synValue, alpha: (ParamInit?)null, beta: (ParamInit?)null, dashMem: (ParamInit?)null, dashSyn: (ParamInit?)null),
                LeakMode.Decays => (null, null, memValue, synValue, null, null),
                _ => (null, null, null, null, memValue, synValue),
            };
            return new LIFTorch(n, tauMem: args.tauMem, tauSyn: args.tauSyn, alpha: args.alpha, beta: args.beta,
                dashMem: args.dashMem, dashSyn: args.dashSyn, bias: Tensor(m[Bias]), threshold: thr,
                hasRec: wRec is not null, wRec: wRec is null ? (ParamInit?)null : wRec, noiseStd: m[Noise].Numbers[0], leakMode: mode,
                maxSpikesPerDt: m[MaxSpikes].Numbers[0], learningWindow: m[Window].Numbers[0],
                dt: dtOverride ?? m[Dt].Numbers[0], spikeGeneration: spike);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or ArgumentException or NullReferenceException)
        {
            warn($"{at}: its qathost_ metadata is incomplete ({e.Message}); imported from the NIR fields.");
            return null;
        }
    }

    private static NirValue Native(Module module, string name)
    {
        var t = module.FindAttribute(name).Tensor.detach().contiguous();
        return new NirValue(t.data<float>().ToArray().Select(x => (double)x).ToArray(), t.shape, NirDType.Float32);
    }

    private static double Scalar(Module module, string name) =>
        module.FindAttribute(name).Tensor.detach().item<float>();

    private static Tensor Tensor(NirValue value) => tensor(value.Floats, value.Shape);
}
