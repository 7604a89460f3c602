using QatHost.Sdk.Transforms;

namespace QatHost.Transforms;

/// <summary>
/// Quantisation to signed integers: Rockpool's <c>int_quant</c> (spec 6.5), and learned-step-size
/// quantisation (LSQ, Esser et al. 2020), a transform that owns trainable state.
/// </summary>
public static partial class Quantise
{
    /// <summary>
    /// Integer quantisation (Rockpool <c>int_quant</c>): <c>round(scale · x)</c> with
    /// <c>scale = (2^(bits-1) - 1) / max|x|</c> (1 for an all-zero tensor), times
    /// <c>(2^(maxBits-1) - 1) / (2^(bits-1) - 1)</c> with <paramref name="mapToMax"/>. The result is
    /// integer-valued, in <c>[-(2^(bits-1) - 1), 2^(bits-1) - 1]</c> (or the <paramref name="maxBits"/> range);
    /// it is not scaled back to the input's scale.
    /// </summary>
    /// <param name="bits">Bits of the integer, 2 to 24 (float32 holds every such integer exactly).</param>
    /// <param name="maintainZero">When false, the value is first shifted by <c>-(max x - min x) / 2</c>,
    /// exactly as Rockpool does. Note this is half the range, not the midpoint: it centres the data only when
    /// <c>min x = 0</c> (the case Rockpool's test covers). QatHost keeps Rockpool's numbers.</param>
    /// <param name="mapToMax">Stretch the <paramref name="bits"/> levels onto the <paramref name="maxBits"/> range.</param>
    /// <param name="maxBits">Bits of the target range for <paramref name="mapToMax"/>, 2 to 24.</param>
    /// <returns>A transform with a straight-through gradient for the rounding, plus the gradient through
    /// <c>scale</c> (which depends on max|x|, and on min/max without <paramref name="maintainZero"/>).</returns>
    /// <exception cref="TransformArgumentException">bits or maxBits outside 2..24.</exception>
    public static Transform Integer(int bits = 8, bool maintainZero = true, bool mapToMax = false, int maxBits = 8)
    {
        const string name = "Quantise.Integer";
        string description = CallText.Of(name, (nameof(bits), bits, bits != 8), (nameof(maintainZero), maintainZero, !maintainZero),
            (nameof(mapToMax), mapToMax, mapToMax), (nameof(maxBits), maxBits, maxBits != 8));
        return new IntegerQuantisation(description, Guard.Between(name, nameof(bits), bits, 2, 24), maintainZero, mapToMax,
            Guard.Between(name, nameof(maxBits), maxBits, 2, 24));
    }

    /// <summary>
    /// Learned-step-size quantisation (LSQ, Esser et al., "Learned Step Size Quantization", ICLR 2020):
    /// <c>x̂ = round(clamp(x / s, -Qn, Qp)) · s</c>, where the step <c>s</c> is a trainable parameter
    /// (exposed by <see cref="Transform.TrainableParameters"/>) and the result stays in the input's scale.
    /// </summary>
    /// <remarks>
    /// <para>Signed: <c>Qn = 2^(bits-1)</c>, <c>Qp = 2^(bits-1) - 1</c>; unsigned: <c>Qn = 0</c>,
    /// <c>Qp = 2^bits - 1</c>. The rounding is straight-through; the step's gradient is scaled by
    /// <c>g = 1/sqrt(numel · Qp)</c>, as the paper prescribes.</para>
    /// <para>One step per transformed tensor: applied to several parameters, the transform keeps a step for each
    /// (keyed by module path and target). A step is created on the first call for its tensor, initialised to
    /// <paramref name="initialStep"/> or else to <c>2·mean|x|/sqrt(Qp)</c>, so an optimizer must be given
    /// <see cref="Transform.TrainableParameters"/> after the first forward pass.</para>
    /// </remarks>
    /// <param name="bits">Bits of the integer grid, 2 to 24.</param>
    /// <param name="initialStep">The first step; from the data when null.</param>
    /// <param name="signed">Signed grid (weights) or unsigned (non-negative activities).</param>
    /// <exception cref="TransformArgumentException">bits outside 2..24, or initialStep not positive.</exception>
    public static Transform LearnedStepSize(int bits = 8, double? initialStep = null, bool signed = true)
    {
        const string name = "Quantise.LearnedStepSize";
        string description = CallText.Of(name, (nameof(bits), bits, true), (nameof(initialStep), initialStep, initialStep is not null),
            (nameof(signed), signed, !signed));
        Guard.Between(name, nameof(bits), bits, 2, 24);
        if (initialStep is { } s) Guard.Positive(name, nameof(initialStep), s);
        return new LearnedStepSizeQuantisation(description, bits, initialStep, signed);
    }
}
