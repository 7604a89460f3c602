using QatHost.Sdk;
using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms;

/// <summary>The checks the factories run on their arguments (so an error points at the script line that made
/// the transform) and the check every <c>Forward</c> runs on its input.</summary>
internal static class Guard
{
    /// <summary>Quantisation levels: at least 2 (one level has no quantum; Rockpool divides by zero).</summary>
    public static int Levels(string transform, int levels, string argument = "levels") => levels >= 2
        ? levels
        : throw new TransformArgumentException(transform, argument, levels, "must be at least 2");

    /// <summary>An optional range: finite bounds with min &lt; max.</summary>
    public static (double Min, double Max)? Range(string transform, string argument, (double Min, double Max)? range)
    {
        if (range is not { } r) return null;
        if (!double.IsFinite(r.Min) || !double.IsFinite(r.Max))
            throw new TransformArgumentException(transform, argument, CallText.Format(r), "must have finite bounds");
        if (!(r.Min < r.Max))
            throw new TransformArgumentException(transform, argument, CallText.Format(r), "must have min < max");
        return r;
    }

    /// <summary>A probability in [0, 1] (or [0, 1) when <paramref name="allowOne"/> is false).</summary>
    public static double Probability(string transform, string argument, double p, bool allowOne)
    {
        bool ok = allowOne ? p is >= 0 and <= 1 : p is >= 0 and < 1;
        return ok ? p : throw new TransformArgumentException(transform, argument, CallText.Format(p),
            allowOne ? "must be in [0, 1]" : "must be in [0, 1) (survivors are scaled by 1/(1 - p))");
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int Between(string transform, string argument, int value, int min, int max) =>
        value >= min && value <= max ? value
            : throw new TransformArgumentException(transform, argument, value, $"must be between {min} and {max}");

    /// <summary>A finite number that is positive (or, with <paramref name="allowZero"/>, non-negative).</summary>
    public static double Positive(string transform, string argument, double value, bool allowZero = false)
    {
        bool ok = double.IsFinite(value) && (allowZero ? value >= 0 : value > 0);
        return ok ? value : throw new TransformArgumentException(transform, argument, CallText.Format(value),
            allowZero ? "must be finite and non-negative" : "must be finite and positive");
    }

    /// <summary>Throws when <paramref name="value"/> holds NaN or an infinity: a transform never turns bad
    /// input into a silent NaN further down the network.</summary>
    public static void FiniteInput(Tensor value, Transform transform, TransformContext context)
    {
        using var scope = NewDisposeScope();
        var bad = value.detach().isfinite().logical_not();
        if (!bad.any().item<bool>()) return;
        var flat = bad.flatten().nonzero()[0, 0].item<long>();
        float x = value.detach().flatten()[flat].item<float>();
        throw new QatHostException(
            $"{transform.Description} on {Where(context)}: the value holds {CallText.Format(x)} at index " +
            $"{Index(flat, value.shape)}; transforms need finite input.");
    }

    /// <summary>Where a transform runs: <c>1_LinearTorch/weight (family "weights")</c>.</summary>
    public static string Where(TransformContext context)
    {
        string path = string.IsNullOrEmpty(context.ModulePath) ? context.Target : $"{context.ModulePath}/{context.Target}";
        return context.Family is null ? path : $"{path} (family \"{context.Family}\")";
    }

    private static string Index(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return "[" + string.Join(", ", index) + "]";
    }
}
