using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// A layer of non-spiking leaky integrators, the NIR <c>LI</c> node (<c>τ dv/dt = (v_leak − v) + R x</c>,
/// <c>y = v</c>), a typical readout; with <c>tau = ∞</c>, the NIR integrator <c>I</c> (<c>dv/dt = R x</c>).
/// Output: the membrane potentials <c>(B, T, N)</c>.
/// </summary>
/// <remarks>
/// Per time step, vectorised over batch, with <c>alpha = exp(-dt / tau)</c> (1 for an infinite tau):
/// <code>
/// v = alpha * v + gain * x[t] + bias;   y[t] = v
/// </code>
/// The same discretisation as <see cref="LIFNeuronTorch"/>: the input is the charge of one step (<c>gain</c> 1 for
/// NIR's LI as Rockpool reads LIF-type nodes, <c>R·dt</c> for NIR's I) and <c>bias</c> a per-step input.
/// Parameters: <c>tau</c> ("taus"), <c>bias</c> ("bias"); simulation parameters <c>dt</c>, <c>gain</c>; state
/// <c>vmem</c> (batch element 0's final value).
/// </remarks>
public sealed class LeakyIntegratorTorch : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="n">Number of units.</param>
    /// <param name="tau">Time constant in seconds, default 0.02; <c>double.PositiveInfinity</c> for a pure integrator.</param>
    /// <param name="bias">Per-step input per unit, default 0.</param>
    /// <param name="gain">Input gain per unit, default 1 (NIR I: R·dt).</param>
    /// <param name="dt">Time step in seconds, default 1e-3.</param>
    public LeakyIntegratorTorch(long n, ParamInit? tau = null, ParamInit? bias = null, ParamInit? gain = null, double dt = 1e-3)
        : base([n, n])
    {
        const string me = "LeakyIntegratorTorch";
        if (n <= 0) throw new QatHostException($"{me}: the number of units must be positive; got {n}.");
        if (!(dt > 0) || !double.IsFinite(dt)) throw new QatHostException($"{me}: argument dt must be positive and finite; got {dt}.");
        long[][] shapes = [[n], []];
        Dt = dt;
        var t = tau?.Fit(me, "tau", shapes) ?? full(n, 0.02f);
        if (!(t > 0).all().item<bool>() || isnan(t).any().item<bool>())
            throw new QatHostException($"{me}: argument tau must be positive seconds (or infinity for a pure integrator).");
        RegisterSimulationParameter("dt", dt);
        RegisterParameter("tau", Families.Taus, t);
        RegisterParameter("bias", Families.Bias, bias?.Fit(me, "bias", shapes) ?? zeros(n));
        RegisterSimulationParameter("gain", gain?.Fit(me, "gain", shapes) ?? ones(n));
        RegisterState("vmem", () => zeros(n));
    }

    /// <summary>Time step in seconds.</summary>
    public double Dt { get; }

    /// <summary>Decay per step, <c>exp(-dt / tau)</c>.</summary>
    public Tensor Alpha => exp(Get("tau").reciprocal() * -Dt);

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording)
    {
        var x = AutoBatch(input);
        long batches = x.shape[0], steps = x.shape[1];
        var alpha = Alpha;
        var gain = Get("gain");
        var bias = Get("bias");
        var v = BatchState(Get("vmem"), batches);
        var vmems = new List<Tensor>();
        for (long t = 0; t < steps; t++)
        {
            v = alpha * v + gain * x.select(1, t) + bias;
            vmems.Add(v);
        }
        var output = steps > 0 ? stack(vmems, 1) : zeros(batches, 0, SizeOut);
        if (record && steps > 0) recording.Set("vmem", output);
        SetState("vmem", v[0]);
        return output;
    }
}
