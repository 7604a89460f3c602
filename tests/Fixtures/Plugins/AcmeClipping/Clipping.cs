using QatHost.Sdk.Plugins;
using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

[assembly: QatHostPlugin("AcmeClipping", Namespace = "Acme.Qat")]

namespace Acme.Qat;

/// <summary>Clipping transforms.</summary>
public static class Clipping
{
    /// <summary>Clamps every value to [-limit, limit].</summary>
    public static Transform Symmetric(double limit) => limit > 0
        ? new SymmetricClip(limit)
        : throw new ArgumentOutOfRangeException(nameof(limit), limit, "Clipping.Symmetric: limit must be positive.");

    private sealed class SymmetricClip(double limit) : Transform($"Clipping.Symmetric(limit: {limit})")
    {
        public override Tensor Forward(Tensor value, TransformContext context) =>
            value.clamp(-limit, limit);
    }
}
