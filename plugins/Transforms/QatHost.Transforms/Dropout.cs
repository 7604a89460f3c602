using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms;

/// <summary>
/// Dropout: Rockpool's parameter <c>dropout</c> (spec 6.6), and the activity dropouts of its
/// <c>UnitDropout</c> and <c>TimeStepDropout</c> modules (spec 8) as transforms of a module's output.
/// </summary>
/// <remarks>All three draw from the context's generator (torch's global one when null) and are the identity
/// when <see cref="TransformContext.Training"/> is false. The gradient is the keep mask (times the scale).</remarks>
public static class Dropout
{
    /// <summary>
    /// Rockpool's <c>dropout</c>: <c>x · (U &gt; p)</c>, <c>U ~ U[0, 1)</c> of the value's shape. Each element is
    /// zeroed with probability <paramref name="p"/>; survivors are <b>not</b> rescaled by <c>1/(1 - p)</c>.
    /// </summary>
    /// <remarks>Deliberate difference: Rockpool applies it on every call; QatHost only while training (it is
    /// the identity in evaluation), as dropout is meant to be and as the SDK's contract says.</remarks>
    /// <param name="p">Probability of dropping an element, in [0, 1] (1 zeroes everything).</param>
    /// <returns>A parameter or activity transform.</returns>
    /// <exception cref="TransformArgumentException">p outside [0, 1].</exception>
    public static Transform Bernoulli(double p = 0.5)
    {
        Guard.Probability("Dropout.Bernoulli", nameof(p), p, allowOne: true);
        return new Masking(CallText.Of("Dropout.Bernoulli", (nameof(p), p, p != 0.5)), p, perUnit: false, rescale: false);
    }

    /// <summary>
    /// Unit dropout on an activity <c>(B, T, N)</c> (Rockpool <c>UnitDropout</c>): per batch element and
    /// neuron, a unit is dropped for all time steps with probability <paramref name="p"/>; survivors are scaled
    /// by <c>1/(1 - p)</c>. A <c>(T, N)</c> activity counts as one batch element.
    /// </summary>
    /// <param name="p">Probability of dropping a unit, in [0, 1).</param>
    /// <returns>An activity transform.</returns>
    /// <exception cref="TransformArgumentException">p outside [0, 1).</exception>
    public static Transform Unit(double p = 0.5)
    {
        Guard.Probability("Dropout.Unit", nameof(p), p, allowOne: false);
        return new Masking(CallText.Of("Dropout.Unit", (nameof(p), p, p != 0.5)), p, perUnit: true, rescale: true);
    }

    /// <summary>
    /// Time-step dropout on an activity (Rockpool <c>TimeStepDropout</c>): every element (batch, time step,
    /// neuron) is zeroed with probability <paramref name="p"/>, without rescaling.
    /// </summary>
    /// <param name="p">Probability of dropping an element, in [0, 1] (1 zeroes everything, as in Rockpool).</param>
    /// <returns>An activity transform.</returns>
    /// <exception cref="TransformArgumentException">p outside [0, 1].</exception>
    public static Transform TimeStep(double p = 0.5)
    {
        Guard.Probability("Dropout.TimeStep", nameof(p), p, allowOne: true);
        return new Masking(CallText.Of("Dropout.TimeStep", (nameof(p), p, p != 0.5)), p, perUnit: false, rescale: false);
    }

    private sealed class Masking(string description, double p, bool perUnit, bool rescale) : Transform(description)
    {
        public override Tensor Forward(Tensor value, TransformContext context)
        {
            Guard.FiniteInput(value, this, context);
            if (!context.Training) return value.alias();
            using var scope = NewDisposeScope();
            var keep = rand(MaskShape(value), dtype: ScalarType.Float32, device: value.device, generator: context.Generator).gt(p);
            var kept = value * keep;
            return (rescale ? kept / (1 - p) : kept).MoveToOuterDisposeScope();
        }

        // Unit dropout: one draw per (batch, neuron), shared by all time steps.
        private long[] MaskShape(Tensor value) => !perUnit || value.dim() < 2
            ? value.shape
            : value.shape.Select((n, d) => d == 0 && value.dim() > 2 || d == value.dim() - 1 ? n : 1).ToArray();
    }
}
