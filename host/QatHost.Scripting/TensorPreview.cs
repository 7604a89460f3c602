using System.Globalization;
using System.Text;
using QatHost.Sdk.Trees;
using TorchSharp;
using static TorchSharp.torch;

namespace QatHost.Scripting;

/// <summary>Formats a tensor as its dtype (NumPy's names: <c>uint8</c>, <c>bool</c>, <c>float32</c>...) and shape,
/// then its values in NumPy's nested-bracket layout: whole numbers without a decimal point (<c>0</c>, never
/// <c>-0</c>), bools as <c>true</c>/<c>false</c>. A dimension longer than <see cref="MaxItems"/>, or longer than
/// twice <see cref="EdgeItems"/> in a tensor of more than <see cref="Threshold"/> values, is cut to its first and
/// last <see cref="EdgeItems"/> entries.</summary>
public static class TensorPreview
{
    /// <summary>Entries kept at each end of a dimension that is cut.</summary>
    public const int EdgeItems = 3;

    /// <summary>Dimensions up to this length print whole (in tensors of at most <see cref="Threshold"/> values).</summary>
    public const int MaxItems = 20;

    /// <summary>Tensors with more values than this cut every dimension longer than twice <see cref="EdgeItems"/> (NumPy's threshold).</summary>
    public const int Threshold = 1000;

    /// <summary>The header alone, e.g. <c>tensor float32 (1, 10, 3)</c>.</summary>
    public static string Header(Tensor tensor) =>
        $"tensor {DtypeName(tensor.dtype)} {Shapes.Format(tensor.shape)}";

    /// <summary>NumPy's name for a dtype: <c>uint8</c> for TorchSharp's <c>Byte</c>, otherwise the lower-cased name.</summary>
    public static string DtypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Byte => "uint8",
        _ => dtype.ToString().ToLowerInvariant(),
    };

    /// <summary>The header and the values below it.</summary>
    public static string Format(Tensor tensor)
    {
        if (tensor.IsInvalid) return "tensor (disposed)";
        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to_type(ScalarType.Float64);
        var text = new StringBuilder(Header(tensor)).Append('\n');
        Append(text, values, depth: 0, tensor.dtype == ScalarType.Bool, tensor.numel() > Threshold);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Tensor values, int depth, bool bools, bool large)
    {
        if (values.dim() == 0)
        {
            double value = values.item<double>();
            text.Append(bools ? (value != 0 ? "true" : "false") : Number(value));
            return;
        }
        long n = values.shape[0];
        bool cut = n > MaxItems || (large && n > 2 * EdgeItems);
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
            else Append(text, values[indices[k]], depth + 1, bools, large);
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
        value == 0 ? "0" // also -0, which "0" would print as "-0"
        : value == Math.Floor(value) && Math.Abs(value) < 1e9
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("g4", CultureInfo.InvariantCulture);
}
