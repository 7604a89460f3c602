using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms;

/// <summary>PLACEHOLDER: a trivial transform so the plugin mechanism has something to list and call.
/// Replaced by the real Transforms plugin on merge.</summary>
public static class Passthrough
{
    /// <summary>Returns the value unchanged.</summary>
    public static Transform Identity() => new IdentityTransform();

    private sealed class IdentityTransform() : Transform("Passthrough.Identity()")
    {
        public override Tensor Forward(Tensor value, TransformContext context) => value.alias();
    }
}
