using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Xylo.Training;

/// <summary>
/// The chip's one-step delay per hidden hop (Xylo spec 8.4): a hidden layer's spikes of step t reach the next
/// layers at t + 1. As an activity transform on every hidden LIF layer, it makes a Sequential network (which
/// passes spikes on within the step) run with the chip's timing, residual aliases included. The delayed last
/// step is dropped, so state does not carry a pending spike across separate <c>Evolve</c> calls.
/// </summary>
internal sealed class HopDelay() : Transform("Xylo.HopDelay(1 step)")
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor value, TransformContext context)
    {
        if (value.dim() != 3 || value.shape[1] == 0) return value;
        long b = value.shape[0], t = value.shape[1], n = value.shape[2];
        return cat([zeros(b, 1, n, value.dtype), value.narrow(1, 0, t - 1)], 1);
    }
}
