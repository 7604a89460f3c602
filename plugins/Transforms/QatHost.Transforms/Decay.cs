using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms;

/// <summary>Transforms of decay factors (<c>alpha</c>, <c>beta</c> of a LIF neuron in <c>leak_mode "decays"</c>).</summary>
public static class Decay
{
    /// <summary>
    /// Rounds a decay factor to the nearest one a bit-shift decay can realise (Rockpool <c>t_decay</c>, spec
    /// 6.7): <c>b = max(0, round(log2(-1 / ln d)))</c>, result <c>1 - 2^-b</c>, computed in float32 in Rockpool's
    /// operation order (with its <c>dt = 1e-3</c>, which cancels out). The gradient passes straight through.
    /// </summary>
    /// <remarks>
    /// Examples: 0.8 → 0.75 (b = 2), 0.6 → 0.5 (b = 1), 0.4156 → 0 (b = 0), 0.99999994 → 0.99999994 (b = 24).
    /// Edge cases, defined to give Rockpool's numbers (where Rockpool gets them through an undefined cast of
    /// NaN or ±inf to an integer): a decay of 0 or below, of exactly 1, or above 1 gives 0, i.e. b = 0. Note
    /// that this maps "no leak" (1) to "full leak" (0), as Rockpool does; keep decays inside (0, 1).
    /// NaN or infinite input is an error.
    /// </remarks>
    /// <returns>A transform for decay parameters.</returns>
    public static Transform ToBitshift() => new BitshiftDecay();

    private sealed class BitshiftDecay() : Transform("Decay.ToBitshift()")
    {
        private const double Dt = 1e-3;

        public override Tensor Forward(Tensor value, TransformContext context)
        {
            Guard.FiniteInput(value, this, context);
            return StraightThrough.Apply(value, Bitshift);
        }

        private static Tensor Bitshift(Tensor decay)
        {
            using var scope = NewDisposeScope();
            // As Python evaluates `-dt / log(decay)` on a tensor: reciprocal(log(decay)) * -dt.
            var tau = decay.log().reciprocal() * -Dt;
            var shift = (tau / Dt).log2().round();
            var usable = decay.gt(0) & decay.lt(1) & shift.isfinite();
            shift = where(usable, shift.clamp_min(0), zeros_like(shift));
            return (1 - pow(full_like(shift, 2), shift).reciprocal()).MoveToOuterDisposeScope();
        }
    }
}
