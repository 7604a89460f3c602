using QatHost.Sdk.Plugins;
using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

[assembly: QatHostPlugin("ShipsOwnTorchSharp", Namespace = "Careless.Qat")]

namespace Careless.Qat;

/// <summary>A harmless transform in a badly packaged plugin.</summary>
public static class Doubling
{
    /// <summary>Doubles the value.</summary>
    public static Transform Twice() => new Double();

    private sealed class Double() : Transform("Doubling.Twice()")
    {
        public override Tensor Forward(Tensor value, TransformContext context) => value * 2;
    }
}
