using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// A per-channel delay line, the NIR <c>Delay</c> node: <c>yᵢ(t) = xᵢ(t − dᵢ)</c>, with the delay counted in
/// whole time steps (<c>dᵢ / dt</c>). Before a channel's first delayed value arrives it outputs 0.
/// </summary>
/// <remarks>State <c>buffer</c> <c>(D, N)</c>: the last D = max(steps) inputs of batch element 0, so a delay
/// carries over between calls as the other layers' states do. Simulation parameter <c>steps</c> (int64).</remarks>
public sealed class DelayTorch : Module
{
    private readonly long depth;

    /// <summary>Creates the delay line.</summary>
    /// <param name="steps">Delay of each channel in time steps (at least 0).</param>
    /// <param name="dt">Time step in seconds, default 1e-3 (NIR states delays in time: dᵢ = steps·dt).</param>
    public DelayTorch(long[] steps, double dt = 1e-3) : base([steps.Length, steps.Length])
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Length == 0 || steps.Any(s => s < 0))
            throw new QatHostException($"DelayTorch: steps must be one delay of at least 0 per channel; got [{string.Join(", ", steps)}].");
        if (!(dt > 0) || !double.IsFinite(dt)) throw new QatHostException($"DelayTorch: argument dt must be positive and finite; got {dt}.");
        depth = steps.Max();
        Dt = dt;
        Steps = steps.ToArray();
        long n = steps.Length;
        RegisterSimulationParameter("dt", dt);
        RegisterSimulationParameter("steps", tensor(steps));
        RegisterState("buffer", () => zeros(depth, n));
    }

    /// <summary>Time step in seconds.</summary>
    public double Dt { get; }

    /// <summary>Delay of each channel in time steps.</summary>
    public IReadOnlyList<long> Steps { get; }

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording)
    {
        var x = AutoBatch(input);
        long batches = x.shape[0], steps = x.shape[1], n = SizeIn;
        var history = cat([BatchState(Get("buffer"), batches), x], 1);          // (B, D + T, N)
        // y[:, t, i] = history[:, D + t - d_i, i]
        var index = arange(steps).unsqueeze(1) + depth - Get("steps").unsqueeze(0); // (T, N)
        var output = history.gather(1, index.unsqueeze(0).expand(batches, steps, n));
        SetState("buffer", history[0].narrow(0, steps, depth));
        return output;
    }
}
