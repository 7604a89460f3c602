using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms;

/// <summary>Device-mismatch (noise-injection) transforms: train a network to tolerate the parameter spread of
/// analog hardware.</summary>
public static class Mismatch
{
    /// <summary>
    /// Multiplicative Gaussian mismatch, as Rockpool's (Jax) <c>mismatch_generator</c> (spec 8):
    /// <c>p + p · N(0, σ²)</c> with <c>σ = percentDeviation / sigmaRule</c>, a fresh draw per element on every
    /// call, from the context's generator (torch's global one when null).
    /// </summary>
    /// <remarks>
    /// With the defaults (0.30, 3.0), 99.7 % of the values stay within ±30 % of the nominal value. The gradient
    /// is that of the product, <c>1 + σ·z</c> per element, so training sees the mismatched network. The transform is
    /// the identity when <see cref="TransformContext.Training"/> is false: evaluation runs the nominal network
    /// (evaluate robustness by evaluating in training mode, or burn in one draw).
    /// </remarks>
    /// <param name="percentDeviation">The deviation (as a fraction, 0.30 = 30 %) reached at <paramref name="sigmaRule"/> standard deviations; ≥ 0.</param>
    /// <param name="sigmaRule">How many standard deviations <paramref name="percentDeviation"/> spans; &gt; 0.</param>
    /// <returns>A parameter transform.</returns>
    /// <exception cref="TransformArgumentException">percentDeviation negative or not finite, or sigmaRule not positive.</exception>
    public static Transform Gaussian(double percentDeviation = 0.30, double sigmaRule = 3.0)
    {
        const string name = "Mismatch.Gaussian";
        Guard.Positive(name, nameof(percentDeviation), percentDeviation, allowZero: true);
        Guard.Positive(name, nameof(sigmaRule), sigmaRule);
        string description = CallText.Of(name, (nameof(percentDeviation), percentDeviation, percentDeviation != 0.30),
            (nameof(sigmaRule), sigmaRule, sigmaRule != 3.0));
        return new GaussianMismatch(description, percentDeviation / sigmaRule);
    }

    private sealed class GaussianMismatch(string description, double sigma) : Transform(description)
    {
        public override Tensor Forward(Tensor value, TransformContext context)
        {
            Guard.FiniteInput(value, this, context);
            if (!context.Training) return value.alias();
            using var scope = NewDisposeScope();
            var deviation = randn(value.shape, dtype: value.dtype, device: value.device, generator: context.Generator) * sigma;
            return (value + value * deviation).MoveToOuterDisposeScope();
        }
    }
}
