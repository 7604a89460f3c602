using QatHost.Sdk.Plugins;
using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

[assembly: QatHostPlugin("ThrowsOnLoad", Namespace = "Broken.Qat")]

namespace Broken.Qat;

/// <summary>A transform family whose static set-up fails.</summary>
public static class Calibrated
{
    private static readonly double[] Table = LoadTable();

    /// <summary>Scales by the first calibration entry.</summary>
    public static Transform Scaled() => new Scale(Table[0]);

    private static double[] LoadTable() => throw new InvalidOperationException("calibration table missing");

    private sealed class Scale(double factor) : Transform($"Calibrated.Scaled({factor})")
    {
        public override Tensor Forward(Tensor value, TransformContext context) => value * factor;
    }
}
