using System.Globalization;
using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Tests.Oracle;

/// <summary>Compares tensors with the oracle tolerances and reports the first element that differs.</summary>
public static class OracleAssert
{
    /// <summary>Spike counts and other integer-valued results: equal element for element.</summary>
    public static void Exact(string context, Tensor actual, Tensor expected) => Close(context, actual, expected, 0, 0);

    /// <summary>
    /// |actual - expected| ≤ atol + rtol·|expected| element-wise, with atol = <paramref name="atolScale"/>·max|expected|.
    /// NaN matches NaN; infinities must match exactly. <c>scaleOf</c> is the tensor whose max|x| scales atol
    /// (<paramref name="expected"/> when null).
    /// </summary>
    public static void Close(string context, Tensor actual, Tensor expected, double rtol, double atolScale, Tensor? scaleOf = null)
    {
        Shapes.Format(actual.shape).ShouldBe(Shapes.Format(expected.shape), $"{context}: shape");
        var a = actual.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var e = expected.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var scale = scaleOf is null ? e : scaleOf.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        double max = scale.Where(float.IsFinite).Select(x => Math.Abs((double)x)).DefaultIfEmpty(0).Max();
        double atol = atolScale * max;
        for (int i = 0; i < e.Length; i++)
        {
            bool same = float.IsNaN(e[i]) ? float.IsNaN(a[i])
                : float.IsInfinity(e[i]) ? a[i] == e[i]
                : Math.Abs((double)a[i] - e[i]) <= atol + rtol * Math.Abs((double)e[i]);
            if (!same)
                throw new ShouldAssertException(
                    $"{context}: first difference at index {Index(i, expected.shape)}: got {Show(a[i])}, expected {Show(e[i])} " +
                    $"(difference {Show(a[i] - e[i])}; tolerance {Show(atol + rtol * Math.Abs((double)e[i]))}); " +
                    $"{Differing(a, e, atol, rtol)} of {e.Length} elements differ.");
        }
    }

    private static int Differing(float[] a, float[] e, double atol, double rtol) =>
        e.Select((x, i) => !(float.IsNaN(x) ? float.IsNaN(a[i]) : Math.Abs((double)a[i] - x) <= atol + rtol * Math.Abs((double)x))).Count(d => d);

    private static string Index(int flat, long[] shape)
    {
        var index = new long[shape.Length];
        long rest = flat;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }
        return "[" + string.Join(", ", index) + "]";
    }

    private static string Show(double x) => x.ToString("G9", CultureInfo.InvariantCulture);
}
