using QatHost.Sdk.Engine;
using QatHost.Xylo.Mapping;
using QatHost.Xylo.Quantisation;
using QatHost.Xylo.Simulation;

namespace QatHost.Xylo;

/// <summary>
/// What scripts call to deploy to Xylo, in Rockpool's order (Xylo spec 1):
/// <code>
/// var spec   = Xylo.Map(net, target: XyloTarget.XyloAudio2);   // mapper(net.as_graph())
/// var config = Xylo.Quantise(spec);                            // channel_quantize / global_quantize
/// Print(config.Report());
/// var chip   = Xylo.Simulator(config);                         // XyloSim.from_config
/// var run    = chip.Evolve(raster, record: true);
/// config.Export("out/net.xylo.json");                          // XyloConfig.Import reads it back
/// </code>
/// </summary>
public static class Xylo
{
    /// <summary>The Xylo targets: v1, XyloAudio 2, XyloAudio 3, XyloIMU.</summary>
    public static IReadOnlyList<XyloTarget> Targets => XyloTarget.All;

    /// <summary>Maps <paramref name="network"/> to the chip (Rockpool's <c>mapper</c>): checks every design rule,
    /// allocates hardware neuron IDs and assembles float matrices.</summary>
    /// <param name="network">LinearTorch (no bias) and LIFTorch layers in Sequential, with Residual blocks and
    /// recurrent LIF layers; wrapped layers are read through their transforms.</param>
    /// <param name="target">The chip; default XyloAudio 2.</param>
    /// <exception cref="Sdk.Hardware.DesignRuleException">Lists every violated rule with module path, measured value and limit.</exception>
    public static XyloSpec Map(Module network, XyloTarget? target = null) =>
        XyloMapper.Map(network, target ?? XyloTarget.XyloAudio2);

    /// <summary>Quantises a mapped network to the chip's integers (Xylo spec 7), without Rockpool's scaling defects.</summary>
    /// <param name="spec">The result of <see cref="Map"/>.</param>
    /// <param name="method">Per-channel (default) or global scaling.</param>
    /// <param name="weightShift">Use the weight bit shifts to scale thresholds and biases up to the 16-bit range
    /// (spec 7.3), so small states lose less to the floor-shift decay. Off by default, as in Rockpool.</param>
    /// <exception cref="Sdk.Hardware.DesignRuleException">A quantised value breaks a range rule (e.g. a threshold below 1).</exception>
    public static XyloConfig Quantise(XyloSpec spec, QuantiseMethod method = QuantiseMethod.PerChannel, bool weightShift = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return XyloQuantiser.Quantise(spec, method, weightShift);
    }

    /// <summary>
    /// Makes <paramref name="network"/> train the way the chip will run it (Xylo spec 9), in place:
    /// checks every design rule of <paramref name="target"/> now (the same errors <see cref="Map"/> gives, all at once;
    /// nothing changes if one fails), caps spikes at 31 per hidden and 1 per output neuron and step, and attaches
    /// transforms: the chip's bit-shift decays (straight-through rounding of the dash; in taus/decays mode the
    /// tau or decay whose exact decay is <c>1 - 2^-round(dash)</c>), int8 fake quantisation of every weight and
    /// 16-bit fake quantisation of thresholds and biases with the per-channel scale <see cref="Quantise"/> will
    /// choose, and (with <paramref name="hopDelay"/>) the one-step delay per hidden hop.
    /// </summary>
    /// <param name="network">The network, as accepted by <see cref="Map"/>. Its transforms can be listed with
    /// <c>Print(net.Transforms())</c> and removed with <c>net.RemoveTransforms()</c> (the caps stay).</param>
    /// <param name="target">The chip; default XyloAudio 2.</param>
    /// <param name="hopDelay">Delay every hidden layer's spikes by one step, as the chip does (default true).</param>
    /// <returns>The same network, for chaining.</returns>
    /// <exception cref="Sdk.Hardware.DesignRuleException">Lists every violated rule with module path, measured value and limit.</exception>
    public static Module PrepareForTraining(Module network, XyloTarget? target = null, bool hopDelay = true) =>
        Training.ChipTraining.Prepare(network, target ?? XyloTarget.XyloAudio2, hopDelay);

    /// <summary>
    /// The float network, the fake-quantised network and the bit-exact chip simulation side by side on one
    /// recorded input <c>(T, C)</c> (event counts): per layer and per step, spike-count agreement, first diverging
    /// step and Vmem error (float Vmem times the quantiser's scale versus the chip's Vmem); with
    /// <paramref name="data"/>, accuracy and agreement of the classifications over it. Both networks run with the
    /// chip's one-step hop delay for the per-step comparison (added on a copy where missing); classification uses
    /// the networks as given.
    /// </summary>
    /// <param name="floatNetwork">The float network (for example the trained network with its transforms removed).</param>
    /// <param name="quantisedNetwork">The network prepared with <see cref="PrepareForTraining"/>.</param>
    /// <param name="config">The quantised configuration of <paramref name="quantisedNetwork"/>.</param>
    /// <param name="input">One recorded input <c>(T, C)</c>.</param>
    /// <param name="data">A labelled dataset for the classification agreement, or null.</param>
    public static Divergence.DivergenceReport Divergence(Module floatNetwork, Module quantisedNetwork, XyloConfig config,
        TorchSharp.torch.Tensor input, Sdk.Data.Dataset? data = null) =>
        QatHost.Xylo.Divergence.DivergenceAnalysis.Compare(floatNetwork, quantisedNetwork, config, input, data);

    /// <summary>A bit-exact simulator of the chip running <paramref name="config"/>.</summary>
    /// <exception cref="Sdk.Hardware.DesignRuleException">The configuration is invalid.</exception>
    public static XyloSim Simulator(XyloConfig config) => new(config);
}
