using System.Globalization;
using System.Text;
using QatHost.Sdk.Trees;
using TorchSharp;
using static TorchSharp.torch;

namespace QatHost.Scripting;

/// <summary>Formats a tensor as its dtype and shape, then its values in NumPy's nested-bracket layout with
/// long dimensions cut to their first and last <see cref="EdgeItems"/> entries.</summary>
public static class TensorPreview
{
    /// <summary>Entries kept at each end of a dimension longer than twice this.</summary>
    public const int EdgeItems = 3;

    /// <summary>The header alone, e.g. <c>tensor float32 (1, 10, 3)</c>.</summary>
    public static string Header(Tensor tensor) =>
        $"tensor {tensor.dtype.ToString().ToLowerInvariant()} {Shapes.Format(tensor.shape)}";

    /// <summary>The header and the values below it.</summary>
    public static string Format(Tensor tensor)
    {
        if (tensor.IsInvalid) return "tensor (disposed)";
        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to_type(ScalarType.Float64);
        var text = new StringBuilder(Header(tensor)).Append('\n');
        Append(text, values, depth: 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Tensor values, int depth)
    {
        if (values.dim() == 0)
        {
            text.Append(Number(values.item<double>()));
            return;
        }
        long n = values.shape[0];
        bool cut = n > 2 * EdgeItems;
        List<long> indices = cut
            ? [.. Range(0, EdgeItems), -1L, .. Range(n - EdgeItems, EdgeItems)]
            : Range(0, n);
        int dims = (int)values.dim();
        string separator = dims == 1 ? ", " : ",\n" + new string('\n', dims - 2) + new string(' ', depth + 1);
        text.Append('[');
        for (int k = 0; k < indices.Count; k++)
        {
            if (k > 0) text.Append(separator);
            if (indices[k] < 0) text.Append("...");
            else Append(text, values[indices[k]], depth + 1);
        }
        text.Append(']');
    }

    private static List<long> Range(long start, long count)
    {
        var list = new List<long>();
        for (long i = 0; i < count; i++) list.Add(start + i);
        return list;
    }

    private static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e9
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("g4", CultureInfo.InvariantCulture);
}
