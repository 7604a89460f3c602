using QatHost.Sdk.Plugins;
using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

[assembly: QatHostPlugin("DuplicateClipping", Namespace = "Other.Qat")]

namespace Other.Qat;

/// <summary>Another plugin's clipping, with the same transform name as AcmeClipping's.</summary>
public static class Clipping
{
    /// <summary>Clamps to [-limit, limit].</summary>
    public static Transform Symmetric(double limit) => new Clip(limit);

    private sealed class Clip(double limit) : Transform($"Clipping.Symmetric(limit: {limit})")
    {
        public override Tensor Forward(Tensor value, TransformContext context) => value.clamp(-limit, limit);
    }
}
