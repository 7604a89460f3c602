using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// A layer of leaky integrate-and-fire neurons without synaptic current, after Rockpool's <c>LIFNeuronTorch</c>:
/// the NIR <c>LIF</c> node (<c>τ dv/dt = (v_leak − v) + R x</c>, spike when v crosses v_threshold, subtractive
/// reset) and, with <c>tauMem = ∞</c>, the NIR <c>IF</c> node (<c>dv/dt = R x</c>). Output: spike counts
/// <c>(B, T, N)</c>.
/// </summary>
/// <remarks>
/// Per time step, vectorised over batch, with <c>alpha = exp(-dt / tau_mem)</c> (1 for an infinite tau):
/// <code>
/// v = alpha * v + gain * x[t] + bias
/// s = floor(v / θ) where v ≥ θ (capped at maxSpikesPerDt), else 0
/// v = v - s * θ
/// </code>
/// As in <see cref="LIFTorch"/>, the input is the charge delivered in one step (so <c>gain</c> is 1 for a layer
/// imported the way Rockpool imports NIR's LIF, and <c>R·dt</c> for NIR's IF), and <c>bias</c> is a per-step
/// input (Rockpool reads NIR's <c>v_leak</c> into it). Spikes carry the StepPWL surrogate gradient
/// (<c>∂s/∂v = 1/θ</c> within <c>learningWindow</c> below θ). Only batch element 0's final state is kept.
/// Parameters: <c>tau_mem</c> ("taus"), <c>bias</c> ("bias"), <c>threshold</c> ("thresholds"); simulation
/// parameters <c>dt</c>, <c>gain</c>, <c>learning_window</c>, <c>max_spikes_per_dt</c>; state <c>vmem</c>, <c>spikes</c>.
/// </remarks>
public sealed class LIFNeuronTorch : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="n">Number of neurons.</param>
    /// <param name="tauMem">Membrane time constant in seconds, default 0.02; <c>double.PositiveInfinity</c> for no leak (IF).</param>
    /// <param name="bias">Per-step input per neuron, default 0.</param>
    /// <param name="threshold">Firing threshold per neuron, default 1; must be positive.</param>
    /// <param name="gain">Input gain per neuron, default 1 (NIR IF: R·dt).</param>
    /// <param name="dt">Time step in seconds, default 1e-3.</param>
    /// <param name="maxSpikesPerDt">Largest spike count per neuron and step, default 2^16.</param>
    /// <param name="learningWindow">Width below threshold where the surrogate passes gradient, default 0.5.</param>
    public LIFNeuronTorch(long n, ParamInit? tauMem = null, ParamInit? bias = null, ParamInit? threshold = null,
        ParamInit? gain = null, double dt = 1e-3, double maxSpikesPerDt = 65536.0, double learningWindow = 0.5)
        : base([n, n], spikingInput: true, spikingOutput: true)
    {
        const string me = "LIFNeuronTorch";
        if (n <= 0) throw new QatHostException($"{me}: the number of neurons must be positive; got {n}.");
        if (!(dt > 0) || !double.IsFinite(dt)) throw new QatHostException($"{me}: argument dt must be positive and finite; got {dt}.");
        long[][] shapes = [[n], []];
        Dt = dt;
        var tau = tauMem?.Fit(me, "tauMem", shapes) ?? full(n, 0.02f);
        if (!(tau > 0).all().item<bool>() || isnan(tau).any().item<bool>())
            throw new QatHostException($"{me}: argument tauMem must be positive seconds (or infinity for no leak).");
        var theta = threshold?.Fit(me, "threshold", shapes) ?? ones(n);
        if (!(theta > 0).all().item<bool>() || !isfinite(theta).all().item<bool>())
            throw new QatHostException($"{me}: argument threshold must be positive and finite.");
        RegisterSimulationParameter("dt", dt);
        RegisterParameter("tau_mem", Families.Taus, tau);
        RegisterParameter("bias", Families.Bias, bias?.Fit(me, "bias", shapes) ?? zeros(n));
        RegisterParameter("threshold", Families.Thresholds, theta);
        RegisterSimulationParameter("gain", gain?.Fit(me, "gain", shapes) ?? ones(n));
        RegisterSimulationParameter("learning_window", tensor((float)learningWindow));
        RegisterSimulationParameter("max_spikes_per_dt", tensor((float)maxSpikesPerDt));
        RegisterState("vmem", () => zeros(n));
        RegisterState("spikes", () => zeros(n));
    }

    /// <summary>Time step in seconds.</summary>
    public double Dt { get; }

    /// <summary>Membrane decay per step, <c>exp(-dt / tau_mem)</c>.</summary>
    public Tensor Alpha => exp(Get("tau_mem").reciprocal() * -Dt);

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording)
    {
        var x = AutoBatch(input);
        long batches = x.shape[0], steps = x.shape[1];
        var alpha = Alpha;
        var gain = Get("gain");
        var bias = Get("bias");
        var threshold = Get("threshold");
        var window = Get("learning_window");
        var maxSpikes = Get("max_spikes_per_dt");
        var v = BatchState(Get("vmem"), batches);
        var s = BatchState(Get("spikes"), batches);
        var vmems = new List<Tensor>();
        var spikes = new List<Tensor>();
        for (long t = 0; t < steps; t++)
        {
            v = alpha * v + gain * x.select(1, t) + bias;
            var vd = v.detach();
            var count = minimum((vd >= threshold.detach()).to_type(ScalarType.Float32) * floor(vd / threshold.detach()), maxSpikes);
            var surrogate = (vd >= threshold.detach() - window).to_type(ScalarType.Float32) * v / threshold;
            s = count + (surrogate - surrogate.detach());
            v = v - s * threshold;
            if (record) vmems.Add(v);
            spikes.Add(s);
        }
        var output = steps > 0 ? stack(spikes, 1) : zeros(batches, 0, SizeOut);
        if (record && steps > 0)
        {
            recording.Set("vmem", stack(vmems, 1));
            recording.Set("spikes", output);
        }
        SetState("vmem", v[0]);
        SetState("spikes", s[0]);
        return output;
    }
}
