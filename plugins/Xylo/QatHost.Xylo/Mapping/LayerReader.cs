using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using TorchSharp;
using static TorchSharp.torch;

namespace QatHost.Xylo.Mapping;

/// <summary>Reads parameter values from a layer as the network computes with them: a parameter with a
/// transform chain in a <see cref="TWrapper"/> reads as the transformed value.</summary>
internal static class LayerReader
{
    /// <summary>The layer under any wrappers.</summary>
    public static Module Unwrap(Module module) => module is Wrapper w ? w.Layer : module;

    public static double[] Values(Module outer, string name)
    {
        using var scope = NewDisposeScope();
        return Flat(Evaluated(outer, name));
    }

    public static double[,] Matrix(Module outer, string name)
    {
        using var scope = NewDisposeScope();
        var t = Evaluated(outer, name);
        long rows = t.shape[0], cols = t.shape[1];
        var flat = Flat(t);
        var m = new double[rows, cols];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }

    /// <summary>A value of shape <c>()</c>, <c>(n)</c> or <c>(1, k)</c> broadcast to <paramref name="count"/> entries.</summary>
    public static double[] Broadcast(double[] values, int count, int period = 1) =>
        values.Length == count ? values
        : Enumerable.Range(0, count).Select(i => values.Length == 1 ? values[0] : values[i % period]).ToArray();

    public static double[] Flat(Tensor t) =>
        t.detach().to_type(ScalarType.Float64).contiguous().flatten().data<double>().ToArray();

    private static Tensor Evaluated(Module outer, string name)
    {
        for (var m = outer; m is Wrapper w; m = w.Wrapped)
            if (m is TWrapper t && t.Transforms.ContainsKey(name)) return t.Evaluated(name);
        return Unwrap(outer).FindAttribute(name).Tensor;
    }
}
