using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// A layer of leaky integrate-and-fire neurons with exponential synapses, Rockpool's <c>LIFTorch</c>
/// (spec 3). <c>Nin / Nout</c> synapses per neuron: input channel <c>c</c> feeds synapse <c>c % Nsyn</c>
/// of neuron <c>c / Nsyn</c>. Output: spike counts <c>(B, T, Nout)</c>.
/// </summary>
/// <remarks>
/// Per time step (spec 3.4), vectorised over batch:
/// <code>
/// I = I + x[t];  irec = (s @ w_rec) as (B, Nout, Nsyn);  I = I + irec
/// v = v * alpha;  I = I * beta
/// v = v + sum_syn(I) + noise[t] + bias
/// s = spike(v, threshold)        // floor(v / θ) where v ≥ θ, capped at maxSpikesPerDt
/// v = v - s * threshold          // subtractive reset
/// </code>
/// Only batch element 0's final state is kept, detached. Parameters (Rockpool names and families):
/// <c>w_rec</c> ("weights", if recurrent), the two leak parameters of the leak mode ("taus", "decays" or
/// "bitshifts"), <c>bias</c> ("bias") and <c>threshold</c> ("thresholds").
/// </remarks>
public sealed class LIFTorch : Module
{
    private readonly double dt;
    private readonly double noiseStd;

    /// <summary>Creates a LIF layer with Rockpool's arguments and defaults.</summary>
    /// <param name="nIn">Input width; with <paramref name="nOut"/> omitted, also the number of neurons.</param>
    /// <param name="nOut">Number of neurons; <paramref name="nIn"/> must be a multiple of it.</param>
    /// <param name="tauMem">Membrane time constant in seconds (taus mode), default 0.02.</param>
    /// <param name="tauSyn">Synaptic time constant in seconds (taus mode), default 0.02.</param>
    /// <param name="alpha">Membrane decay per step (decays mode), default 0.5.</param>
    /// <param name="beta">Synaptic decay per step (decays mode), default 0.5.</param>
    /// <param name="dashMem">Membrane bit shift (bitshifts mode), default 1.</param>
    /// <param name="dashSyn">Synaptic bit shift (bitshifts mode), default 1.</param>
    /// <param name="bias">Constant input current per neuron, default 0.</param>
    /// <param name="threshold">Firing threshold per neuron, default 1; must be positive.</param>
    /// <param name="hasRec">Whether the layer has trainable recurrent weights.</param>
    /// <param name="wRec">Recurrent weights <c>(Nout, Nin)</c>; default Kaiming-uniform. Requires <paramref name="hasRec"/>.</param>
    /// <param name="noiseStd">Standard deviation of membrane noise (scaled by sqrt(dt)), default 0.</param>
    /// <param name="leakMode">Which leak parameters are trainable.</param>
    /// <param name="maxSpikesPerDt">Largest spike count per neuron and step, default 2^16.</param>
    /// <param name="learningWindow">Width below threshold where the StepPWL surrogate passes gradient, default 0.5.</param>
    /// <param name="dt">Time step in seconds, default 1e-3.</param>
    /// <param name="spikeGeneration">Surrogate gradient of the spike function.</param>
    public LIFTorch(long nIn, long? nOut = null,
        ParamInit? tauMem = null, ParamInit? tauSyn = null, ParamInit? alpha = null, ParamInit? beta = null,
        ParamInit? dashMem = null, ParamInit? dashSyn = null, ParamInit? bias = null, ParamInit? threshold = null,
        bool hasRec = false, ParamInit? wRec = null, double noiseStd = 0.0, LeakMode leakMode = LeakMode.Taus,
        double maxSpikesPerDt = 65536.0, double learningWindow = 0.5, double dt = 1e-3,
        SpikeGeneration spikeGeneration = SpikeGeneration.StepPWL)
        : base([nIn, nOut ?? nIn], spikingInput: true, spikingOutput: true)
    {
        long neurons = nOut ?? nIn;
        const string me = "LIFTorch";
        if (nIn <= 0 || neurons <= 0)
            throw new QatHostException($"{me}: sizes must be positive; got nIn = {nIn}, nOut = {neurons}.");
        if (nIn % neurons != 0)
            throw new QatHostException(
                $"{me}: nIn = {nIn} is not a multiple of nOut = {neurons}; each neuron needs nIn / nOut whole synapses.");
        if (wRec is not null && !hasRec)
            throw new QatHostException($"{me}: argument wRec is given but hasRec is false; pass hasRec: true.");
        CheckPositive(me, nameof(dt), dt);
        CheckPositive(me, nameof(maxSpikesPerDt), maxSpikesPerDt);
        if (noiseStd < 0 || !double.IsFinite(noiseStd))
            throw new QatHostException($"{me}: argument noiseStd must be finite and at least 0; got {noiseStd}.");
        RejectOtherModes(leakMode, (LeakMode.Taus, "tauMem", tauMem), (LeakMode.Taus, "tauSyn", tauSyn),
            (LeakMode.Decays, "alpha", alpha), (LeakMode.Decays, "beta", beta),
            (LeakMode.Bitshifts, "dashMem", dashMem), (LeakMode.Bitshifts, "dashSyn", dashSyn));

        NeuronCount = neurons;
        SynapseCount = nIn / neurons;
        LeakMode = leakMode;
        SpikeGeneration = spikeGeneration;
        HasRec = hasRec;
        this.dt = dt;
        this.noiseStd = noiseStd;
        long[] perNeuron = [neurons];
        long[][] neuronShapes = [perNeuron, []];
        long[][] synapseShapes = [[neurons, SynapseCount], [1, SynapseCount], []];

        // Registration order is Rockpool's: it fixes the order of parameters() and of saved files.
        RegisterSimulationParameter("leak_mode", leakMode.RockpoolName());
        RegisterSimulationParameter("dt", dt);
        RegisterSimulationParameter("_has_rec", hasRec);
        if (hasRec)
            RegisterParameter("w_rec", Families.Weights,
                wRec?.Fit(me, "wRec", [neurons, nIn]) ?? DefaultRecurrentWeights(neurons, nIn));
        else
            RegisterSimulationParameter("w_rec", zeros(neurons, nIn));
        RegisterSimulationParameter("noise_std", noiseStd);

        var (memName, synName) = leakMode.ParameterNames();
        var (memArg, synArg, memDefault, synDefault) = leakMode switch
        {
            LeakMode.Taus => (tauMem, tauSyn, 0.02, 0.02),
            LeakMode.Decays => (alpha, beta, 0.5, 0.5),
            _ => (dashMem, dashSyn, 1.0, 1.0),
        };
        var mem = memArg?.Fit(me, ArgumentName(memName), neuronShapes) ?? full(perNeuron, memDefault);
        var syn = synArg?.Fit(me, ArgumentName(synName), synapseShapes) ?? full([neurons, SynapseCount], synDefault);
        CheckLeak(me, memName, mem);
        CheckLeak(me, synName, syn);
        RegisterParameter(memName, leakMode.Family(), mem);
        RegisterParameter(synName, leakMode.Family(), syn);

        RegisterParameter("bias", Families.Bias, bias?.Fit(me, "bias", neuronShapes) ?? zeros(neurons));
        var theta = threshold?.Fit(me, "threshold", neuronShapes) ?? ones(neurons);
        if ((theta <= 0).any().item<bool>() || !isfinite(theta).all().item<bool>())
            throw new QatHostException($"{me}: argument threshold must be positive and finite; got {Describe(theta)}.");
        RegisterParameter("threshold", Families.Thresholds, theta);
        RegisterSimulationParameter("learning_window", tensor((float)learningWindow));

        RegisterState("vmem", () => zeros(neurons));
        RegisterState("isyn", () => zeros(neurons, SynapseCount));
        RegisterState("spikes", () => zeros(neurons));
        RegisterSimulationParameter("spike_generation_fn", spikeGeneration);
        RegisterSimulationParameter("max_spikes_per_dt", tensor((float)maxSpikesPerDt));
    }

    /// <summary>Number of neurons (<c>Nout</c>).</summary>
    public long NeuronCount { get; }

    /// <summary>Synapses per neuron (<c>Nin / Nout</c>).</summary>
    public long SynapseCount { get; }

    /// <summary>Which leak parameters are trainable.</summary>
    public LeakMode LeakMode { get; }

    /// <summary>The surrogate gradient in use.</summary>
    public SpikeGeneration SpikeGeneration { get; }

    /// <summary>Whether <c>w_rec</c> is a trainable parameter.</summary>
    public bool HasRec { get; }

    /// <summary>Time step in seconds.</summary>
    public double Dt => dt;

    /// <summary>Membrane time constant, derived from the active leak mode (read-only unless mode is taus).</summary>
    public Tensor TauMem => Leak(LeakPart.Membrane, LeakMode.Taus);
    /// <summary>Synaptic time constant, derived from the active leak mode.</summary>
    public Tensor TauSyn => Leak(LeakPart.Synapse, LeakMode.Taus);
    /// <summary>Membrane decay per step, derived from the active leak mode.</summary>
    public Tensor Alpha => Leak(LeakPart.Membrane, LeakMode.Decays);
    /// <summary>Synaptic decay per step, derived from the active leak mode.</summary>
    public Tensor Beta => Leak(LeakPart.Synapse, LeakMode.Decays);
    /// <summary>Membrane bit shift, derived from the active leak mode (continuous).</summary>
    public Tensor DashMem => Leak(LeakPart.Membrane, LeakMode.Bitshifts);
    /// <summary>Synaptic bit shift, derived from the active leak mode (continuous).</summary>
    public Tensor DashSyn => Leak(LeakPart.Synapse, LeakMode.Bitshifts);

    /// <summary>Which implementation runs the time loop: <see cref="LifKernel.Auto"/> (the default: chosen by shape,
    /// <see cref="ChooseKernel"/>), <see cref="LifKernel.Fused"/> or the op-by-op <see cref="LifKernel.Reference"/>.
    /// All give the same outputs, records, states and gradients.</summary>
    /// <remarks>The fused kernel runs float32 tensors on the CPU; elsewhere (or for traces over 2 GB) the layer
    /// uses the reference path whatever this says. Copies keep the setting; saved files do not hold it.</remarks>
    public LifKernel Kernel { get; set; } = LifKernel.Auto;

    /// <summary>The kernel <see cref="LifKernel.Auto"/> runs for an evolution of <paramref name="steps"/> time steps:
    /// the reference loop when there are at most <see cref="ReferenceMaxSteps"/> steps, else the fused kernel. The
    /// reference loop's cost grows with the steps and the fused kernel's fixed cost per call does not; measured on
    /// a quiet machine the fused kernel was faster from a single step on (docs/performance.md, <c>crossover</c> suite),
    /// so only an empty time axis runs the reference.</summary>
    public static LifKernel ChooseKernel(long steps) => steps <= ReferenceMaxSteps ? LifKernel.Reference : LifKernel.Fused;

    /// <summary>Evolutions up to this many steps run the reference loop under <see cref="LifKernel.Auto"/>.</summary>
    public const int ReferenceMaxSteps = 0;

    /// <summary>Whether the layer draws Rockpool's membrane noise <c>randn(B, T, N)</c> even when
    /// <c>noiseStd</c> is 0, as Rockpool does, so that every later draw from torch's global generator
    /// (stochastic rounding, dropout, the next layer's noise) matches Rockpool's number for number.
    /// <c>null</c> (the default): aligned when evolved directly, not aligned inside <c>Train</c>, where the
    /// unused draw costs time (it is most of a short layer's forward pass) and nothing compares against
    /// Rockpool's stream. Set <c>true</c> to train with Rockpool's random stream, <c>false</c> never to draw it.
    /// With <c>noiseStd</c> above 0 the noise is always drawn.</summary>
    public bool? AlignRandomStream { get; set; }

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording)
    {
        var x = AutoBatch(input);
        long batches = x.shape[0], steps = x.shape[1];
        x = x.reshape(batches, steps, NeuronCount, SynapseCount);

        var alpha = Alpha;
        var beta = Beta;
        var wRec = Get("w_rec");
        var bias = Get("bias");
        var threshold = Get("threshold");
        var window = Get("learning_window");
        var maxSpikes = Get("max_spikes_per_dt");
        // Rockpool always draws the noise, even when noise_std is 0: keeps the random stream aligned (optional).
        var draw = noiseStd > 0 || (AlignRandomStream ?? RandomStreamAlignment.Default) ? randn(batches, steps, NeuronCount) : null;
        var noise = noiseStd > 0 ? draw! * (noiseStd * Math.Sqrt(dt)) : null;

        LifEvolution result;
        var kernel = Kernel == LifKernel.Auto ? ChooseKernel(steps) : Kernel;
        if (kernel == LifKernel.Fused && FusedLifEvolution.Applies(x, NeuronCount, alpha, beta, bias, threshold, wRec))
            result = FusedLifEvolution.Run(x, Get("vmem"), Get("isyn"), Get("spikes"),
                new(alpha, beta, bias, threshold, HasRec ? wRec : null, window.item<float>(), maxSpikes.item<float>()),
                noise, SpikeGeneration, record);
        else
            result = ForwardReference(x, alpha, beta, wRec, bias, threshold, window, maxSpikes, noise, record);

        var output = result.Spikes;
        if (steps > 0 && (result.HasNaN ?? isnan(output).any().item<bool>()))
            throw new QatHostException(
                $"{Path}: the membrane potential became NaN. Check the input for NaN or infinity and the parameters " +
                $"(thresholds > 0, taus > 0, decays in [0, 1]): threshold {Describe(threshold)}, {LeakMode.ParameterNames().Membrane} {Describe(Get(LeakMode.ParameterNames().Membrane))}.");
        if (record && steps > 0)
        {
            recording.Set("vmem", result.RecV!);
            recording.Set("isyn", result.RecI!);
            recording.Set("irec", result.RecIrec!);
            recording.Set("spikes", output);
        }
        SetState("vmem", result.V);
        SetState("isyn", result.I);
        SetState("spikes", result.S);
        return output;
    }

    /// <summary>The op-by-op time loop (<see cref="LifKernel.Reference"/>), in Rockpool's operation order.</summary>
    private LifEvolution ForwardReference(Tensor x, Tensor alpha, Tensor beta, Tensor wRec, Tensor bias,
        Tensor threshold, Tensor window, Tensor maxSpikes, Tensor? noise, bool record)
    {
        long batches = x.shape[0], steps = x.shape[1];
        var v = BatchState(Get("vmem"), batches);
        var s = BatchState(Get("spikes"), batches);
        var i = BatchState(Get("isyn"), batches);
        var vmems = new List<Tensor>();
        var isyns = new List<Tensor>();
        var irecs = new List<Tensor>();
        var spikes = new List<Tensor>();
        for (long t = 0; t < steps; t++)
        {
            i = i + x.select(1, t);
            var irec = s.matmul(wRec).reshape(batches, NeuronCount, SynapseCount);
            i = i + irec;
            v = v * alpha;
            i = i * beta;
            v = noise is null ? v + i.sum(-1) + bias : v + i.sum(-1) + noise.select(1, t) + bias;
            s = Spike(v, threshold, window, maxSpikes);
            v = v - s * threshold;
            if (record)
            {
                vmems.Add(v);
                isyns.Add(i);
                irecs.Add(irec);
            }
            spikes.Add(s);
        }
        var output = steps > 0 ? stack(spikes, 1) : zeros(batches, 0, NeuronCount);
        bool traces = record && steps > 0;
        return new LifEvolution(output, v[0], i[0], s[0],
            traces ? stack(vmems, 1) : null, traces ? stack(isyns, 1) : null, traces ? stack(irecs, 1) : null);
    }

    /// <summary>The multi-spike count with the configured surrogate gradient (spec 3.3). The forward value is
    /// exact; the gradient is attached as <c>h - h.detach()</c>, which is zero in value.</summary>
    private Tensor Spike(Tensor v, Tensor threshold, Tensor window, Tensor maxSpikes)
    {
        var vd = v.detach();
        var thd = threshold.detach();
        var count = minimum((vd >= thd).to_type(ScalarType.Float32) * floor(vd / thd), maxSpikes);
        Tensor surrogate;
        if (SpikeGeneration == SpikeGeneration.StepPWL)
        {
            // dS/dv = mask / θ,  dS/dθ = -v mask / θ²
            var mask = (vd >= thd - window).to_type(ScalarType.Float32);
            surrogate = mask * v / threshold;
        }
        else
        {
            // dS/dv = pdf,  dS/dθ = -pdf v / θ, with pdf peaking at every multiple of θ.
            var shifted = vd - thd / 2;
            var k = minimum(floor(shifted / thd), maxSpikes - 1);
            var wrapped = where(vd >= thd, shifted - k * thd, shifted);
            var pdf = exp(-abs(wrapped - thd / 2) / window) / thd;
            surrogate = pdf * v - pdf * (vd / thd) * threshold;
        }
        return count + (surrogate - surrogate.detach());
    }

    private enum LeakPart { Membrane, Synapse }

    /// <summary>One leak value expressed in <paramref name="target"/> form, computed from the active mode
    /// (spec 3.2), differentiable with respect to the real parameter.</summary>
    private Tensor Leak(LeakPart which, LeakMode target)
    {
        var (memName, synName) = LeakMode.ParameterNames();
        var value = Get(which == LeakPart.Membrane ? memName : synName);
        if (target == LeakMode) return value;
        // Convert to a decay first, then to the target.
        var decay = LeakMode switch
        {
            LeakMode.Taus => exp(value.reciprocal() * -dt),
            LeakMode.Decays => value,
            _ => 1 - pow(2.0, -value),
        };
        return target switch
        {
            LeakMode.Decays => decay,
            LeakMode.Taus => log(decay).reciprocal() * -dt,
            _ => -log2(1 - decay),
        };
    }

    /// <inheritdoc/>
    protected internal override string? ParameterProblem(string name, Tensor value)
    {
        using var scope = NewDisposeScope();
        bool finite = isfinite(value).all().item<bool>();
        return name switch
        {
            "tau_mem" or "tau_syn" when !finite || !(value > 0).all().item<bool>() => "must be positive and finite (seconds)",
            "alpha" or "beta" when !finite || !((value >= 0) & (value <= 1)).all().item<bool>() => "must be a decay in [0, 1]",
            "dash_mem" or "dash_syn" when !finite || !(value >= 0).all().item<bool>() => "must be a finite bit shift of at least 0",
            "threshold" when !finite || !(value > 0).all().item<bool>() => "must be positive and finite",
            _ => base.ParameterProblem(name, value),
        };
    }

    /// <inheritdoc/>
    protected override string? ExplainMissing(string name)
    {
        var (mem, syn) = LeakMode.ParameterNames();
        bool derived = Enum.GetValues<LeakMode>().Any(m => m.ParameterNames().Membrane == name || m.ParameterNames().Synapse == name);
        return derived
            ? $" In leakMode {LeakMode} \"{name}\" is derived from {mem} and {syn} and is read-only; set those instead, or build the layer with the leak mode whose parameter it is."
            : null;
    }

    private static Tensor DefaultRecurrentWeights(long neurons, long nIn)
    {
        double bound = Math.Sqrt(6.0 / nIn);
        return empty(neurons, nIn).uniform_(-bound, bound);
    }

    private static void RejectOtherModes(LeakMode mode, params (LeakMode Mode, string Name, ParamInit? Value)[] arguments)
    {
        foreach (var (argMode, name, value) in arguments)
        {
            if (value is null || argMode == mode) continue;
            var (mem, syn) = mode.ParameterNames();
            throw new QatHostException(
                $"LIFTorch: argument {name} belongs to leakMode: LeakMode.{argMode}, but this layer's leakMode is " +
                $"LeakMode.{mode} (whose parameters are {ArgumentName(mem)} and {ArgumentName(syn)}). " +
                $"Pass leakMode: LeakMode.{argMode} or use {ArgumentName(mem)}/{ArgumentName(syn)}.");
        }
    }

    private static void CheckLeak(string module, string name, Tensor value)
    {
        bool ok = name switch
        {
            "tau_mem" or "tau_syn" => (value > 0).all().item<bool>(),
            "alpha" or "beta" => ((value >= 0) & (value <= 1)).all().item<bool>(),
            _ => (value >= 0).all().item<bool>(),
        };
        if (!ok || !isfinite(value).all().item<bool>())
            throw new QatHostException(name switch
            {
                "tau_mem" or "tau_syn" => $"{module}: argument {ArgumentName(name)} must be positive (seconds); got {Describe(value)}.",
                "alpha" or "beta" => $"{module}: argument {ArgumentName(name)} must be a decay in [0, 1]; got {Describe(value)}.",
                _ => $"{module}: argument {ArgumentName(name)} must be a bit shift of at least 0; got {Describe(value)}.",
            });
    }

    private static void CheckPositive(string module, string name, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new QatHostException($"{module}: argument {name} must be positive and finite; got {value}.");
    }

    /// <summary>Rockpool name to C# argument name: <c>tau_mem</c> to <c>tauMem</c>.</summary>
    private static string ArgumentName(string rockpoolName)
    {
        var parts = rockpoolName.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    internal static string Describe(Tensor value)
    {
        var data = value.detach().flatten().data<float>().ToArray();
        return data.Length == 1 ? Number(data[0]) : "[" + string.Join(", ", data.Take(8).Select(Number)) + (data.Length > 8 ? ", ...]" : "]");

        static string Number(float d) => d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
