using QatHost.Sdk.Engine;
using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Xylo.Training;

/// <summary>
/// The leak the chip will apply (Xylo spec 5.1, 9), straight-through gradient. <c>bitshifts</c>: the dash
/// rounded half to even, as the quantiser rounds it. <c>taus</c>: <c>d = round(log2(tau/dt))</c> (Rockpool's
/// map) and <c>tau' = -dt / ln(1 - 2^-d)</c>, so that LIFTorch's <c>exp(-dt/tau')</c> is exactly the chip's
/// <c>1 - 2^-d</c> and the mapper reads <c>tau'</c> back as <c>d</c>. <c>decays</c>: <c>alpha' = 1 - 2^-d</c> with
/// <c>d = round(log2(-1/ln alpha))</c>. A taus-mode dash of 0 (tau below sqrt(2) dt) has no finite tau and is
/// left unchanged; the mapper reports it.
/// </summary>
internal sealed class BitshiftDecay(LeakMode mode, double dt)
    : Transform($"Xylo.BitshiftDecay({mode.RockpoolName()})")
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor value, TransformContext context) => mode switch
    {
        LeakMode.Bitshifts => StraightThrough.Round(value),
        LeakMode.Taus => StraightThrough.Apply(value, v =>
        {
            var d = log2(v.to_type(ScalarType.Float64) / dt).round();
            var tau = -dt / log(1 - pow(2.0, -d));
            return where(d >= 1, tau, v.to_type(ScalarType.Float64)).to_type(v.dtype);
        }),
        _ => StraightThrough.Apply(value, v =>
        {
            var d = log2(-1 / log(v.to_type(ScalarType.Float64))).round().clamp_min(0);
            return where(v < 1, 1 - pow(2.0, -d), v.to_type(ScalarType.Float64)).to_type(v.dtype);
        }),
    };
}
