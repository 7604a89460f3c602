using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace Acme.Clipping;

/// <summary>Clipping transforms: <c>net.Param("weights").Apply(Clipping.Symmetric(0.1))</c>.</summary>
public static class Clipping
{
    /// <summary>Clamps every value to <c>[-limit, limit]</c> in the forward pass; the gradient passes straight
    /// through (as if there were no clamp), so values outside the range keep learning.</summary>
    /// <param name="limit">The largest magnitude kept: positive and finite.</param>
    /// <exception cref="TransformArgumentException">When <paramref name="limit"/> is not positive and finite.</exception>
    public static Transform Symmetric(double limit)
    {
        // Check arguments where the transform is made, so a script fails on the line that asked for it.
        if (!(limit > 0) || double.IsInfinity(limit))
            throw new TransformArgumentException("Clipping.Symmetric", nameof(limit), limit, "must be positive and finite");
        return new SymmetricClip(limit);
    }

    // The description is how the transform prints in net.Transforms() and in errors: the call that made it.
    private sealed class SymmetricClip(double limit) : Transform($"Clipping.Symmetric(limit: {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)})")
    {
        public override Tensor Forward(Tensor value, TransformContext context) =>
            StraightThrough.Apply(value, v => v.clamp(-limit, limit));
    }
}
