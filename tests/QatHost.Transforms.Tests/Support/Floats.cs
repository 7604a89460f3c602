using static TorchSharp.torch;

namespace QatHost.Transforms.Tests.Support;

/// <summary>Tensor contents as plain arrays, for assertions.</summary>
public static class Floats
{
    /// <summary>The values, flattened row-major.</summary>
    public static float[] Of(Tensor t) => t.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();

    /// <summary>The distinct values (with -0 counted as 0), sorted.</summary>
    public static float[] Distinct(Tensor t) => Of(t).Select(x => x + 0f).Distinct().Order().ToArray();

    /// <summary>A float32 tensor from values, with the given shape (1-D when none).</summary>
    public static Tensor Tensor(float[] values, params long[] shape) =>
        tensor(values).reshape(shape.Length == 0 ? [values.Length] : shape);
}
