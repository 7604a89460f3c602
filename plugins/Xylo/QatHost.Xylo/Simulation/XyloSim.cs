using QatHost.Sdk;
using QatHost.Sdk.Hardware;
using static TorchSharp.torch;

namespace QatHost.Xylo.Simulation;

/// <summary>
/// A bit-exact integer simulation of a Xylo chip running one configuration (Xylo spec 8; Rockpool's
/// <c>XyloSim</c>). State persists across <see cref="Evolve(int[,], bool)"/> calls until <see cref="Reset"/>.
/// </summary>
/// <remarks>
/// One time step (spec 8.4):
/// <code>
/// Isyn += min(x[t], 15) · (W_in  &lt;&lt; shift_in)      // channel by channel, saturating per event
/// Isyn += S_prev        · (W_rec &lt;&lt; shift_rec)     // hidden sources in ID order: one-step hop delay
/// Isyn_out += S_prev    · (W_out &lt;&lt; shift_out)
/// Isyn -= D(Isyn, dash_syn);  V = sat16(V + sat16(sat16(-D(V, dash_mem) + ΣIsyn) + bias))
/// S[i] = fire(V[i], thr[i], credit from aliases, 31) in ID order; S[alias(i)] = min(S[alias(i)] + S[i], 31)
/// out[o] = fire(V_out[o], thr_out[o], 0, 1)
/// </code>
/// Repeated saturating additions of one weight equal one clamped addition of <c>n·w</c>, so events are
/// delivered as products; additions from different channels or sources stay separate and ordered.
/// </remarks>
public sealed class XyloSim : IHardwareSimulator
{
    private readonly XyloSimNetwork net;
    private readonly int[] isyn, vmem, isynOut, vmemOut;
    private int[] spikes, previous;

    /// <summary>Creates the simulator. The configuration is validated first.</summary>
    /// <exception cref="DesignRuleException">The configuration breaks a rule of its target.</exception>
    public XyloSim(XyloConfig config) : this(config, validate: true) { }

    /// <summary>Tests use <paramref name="validate"/> false to simulate configurations the chip would refuse
    /// but whose dynamics spec 8 still defines (e.g. decreasing aliases).</summary>
    internal XyloSim(XyloConfig config, bool validate)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (validate) config.Validate().ThrowIfInvalid();
        net = new XyloSimNetwork(config);
        isyn = new int[net.Nhid * net.Nsyn];
        vmem = new int[net.Nhid];
        spikes = new int[net.Nhid];
        previous = new int[net.Nhid];
        isynOut = new int[net.Nout];
        vmemOut = new int[net.Nout];
        Config = config;
    }

    /// <summary>The configuration being simulated.</summary>
    public XyloConfig Config { get; }

    /// <inheritdoc/>
    public int InputChannels => net.Nin;

    /// <inheritdoc/>
    public int OutputChannels => net.Nout;

    /// <inheritdoc/>
    public void Reset()
    {
        foreach (var a in new[] { isyn, vmem, spikes, previous, isynOut, vmemOut }) Array.Clear(a);
    }

    /// <summary>Runs over a raster given as a tensor <c>(T, Nin)</c> of whole, non-negative event counts.</summary>
    /// <exception cref="QatHostException">Wrong shape, or a value that is not a whole non-negative count.</exception>
    public HardwareRun Evolve(Tensor input, bool record = false) => Evolve(XyloRaster.FromTensor(input, net.Nin), record);

    /// <inheritdoc/>
    public HardwareRun Evolve(int[,] input, bool record = false)
    {
        XyloRaster.Check(input, net.Nin);
        int steps = input.GetLength(0);
        var output = new int[steps, net.Nout];
        var rec = record ? new XyloRecorder(steps, net) : null;
        for (int t = 0; t < steps; t++)
        {
            Step(input, t, output);
            rec?.Capture(t, isyn, vmem, spikes, isynOut, vmemOut);
        }
        return new HardwareRun(output, rec?.Result() ?? new Dictionary<string, int[,]>());
    }

    private void Step(int[,] input, int t, int[,] output)
    {
        int nhid = net.Nhid;
        for (int c = 0; c < net.Nin; c++)
        {
            int n = Math.Min(input[t, c], XyloSimNetwork.MaxInputEvents);
            if (n > 0) Deliver(isyn, net.InTargets[c], net.InWeights[c], n);
        }
        (previous, spikes) = (spikes, previous);
        for (int i = 0; i < nhid; i++)
        {
            int n = previous[i];
            if (n == 0) continue;
            Deliver(isyn, net.RecTargets[i], net.RecWeights[i], n);
            if (net.OutTargets[i] is { } outTargets) Deliver(isynOut, outTargets, net.OutWeights[i]!, n);
        }

        XyloArithmetic.Decay(isyn, net.DashSyn);
        var bank2 = net.Nsyn > 1 ? isyn.AsSpan(nhid, nhid) : default;
        XyloArithmetic.Integrate(vmem, net.DashMem, isyn.AsSpan(0, nhid), bank2, net.Bias, net.Model);
        Array.Clear(spikes);
        for (int i = 0; i < nhid; i++)
        {
            int n = XyloArithmetic.Fire(ref vmem[i], net.Threshold[i], spikes[i], XyloSimNetwork.MaxHiddenSpikes);
            spikes[i] = n;
            int a = net.Alias[i];
            if (a >= 0 && n > 0) spikes[a] = Math.Min(spikes[a] + n, XyloSimNetwork.MaxHiddenSpikes);
        }

        XyloArithmetic.Decay(isynOut, net.DashSynOut);
        XyloArithmetic.Integrate(vmemOut, net.DashMemOut, isynOut, default, net.BiasOut, net.Model);
        for (int o = 0; o < net.Nout; o++)
            output[t, o] = XyloArithmetic.Fire(ref vmemOut[o], net.ThresholdOut[o], 0, XyloSimNetwork.MaxOutputSpikes);
    }

    private static void Deliver(int[] state, int[] targets, int[] weights, int n)
    {
        for (int e = 0; e < targets.Length; e++)
        {
            ref int s = ref state[targets[e]];
            s = XyloArithmetic.Sat16(s + n * weights[e]);
        }
    }
}
