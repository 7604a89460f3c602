using System.Text;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace QatHost.Sdk.Data;

/// <summary>
/// Reads one NumPy <c>.npy</c> array from a stream (format versions 1 to 3, little-endian, C order).
/// Internal stop-gap for <c>.npz</c> entries until the SDK's <c>Npy</c> reader offers a stream overload.
/// </summary>
internal static partial class NpyArray
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the array; <paramref name="name"/> (file or archive entry) appears in errors.</summary>
    public static Tensor Read(Stream stream, string name)
    {
        using var reader = new BinaryReader(stream, Encoding.ASCII, leaveOpen: true);
        var magic = reader.ReadBytes(6);
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw new QatHostException($"{name}: not a NumPy .npy array (the file does not start with \\x93NUMPY).");
        byte major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major == 1 ? reader.ReadUInt16() : (int)reader.ReadUInt32();
        string header = Encoding.Latin1.GetString(reader.ReadBytes(headerLength));

        string descr = Field(DescrPattern(), header, name, "descr");
        if (Field(FortranPattern(), header, name, "fortran_order") == "True")
            throw new QatHostException($"{name}: the array is stored in Fortran order; save it with C order (np.ascontiguousarray).");
        long[] shape = Field(ShapePattern(), header, name, "shape")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();

        var (type, size) = descr switch
        {
            "<f4" => (ScalarType.Float32, 4),
            "<f8" => (ScalarType.Float64, 8),
            "<i8" => (ScalarType.Int64, 8),
            "<i4" => (ScalarType.Int32, 4),
            "<i2" => (ScalarType.Int16, 2),
            "|i1" => (ScalarType.Int8, 1),
            "|u1" => (ScalarType.Byte, 1),
            "|b1" => (ScalarType.Bool, 1),
            _ => throw new QatHostException(
                $"{name}: unsupported array type '{descr}'; use float32, float64, int64, int32, int16, int8, uint8 or bool (little-endian)."),
        };
        long count = shape.Aggregate(1L, (n, d) => n * d);
        var bytes = reader.ReadBytes(checked((int)(count * size)));
        if (bytes.Length != count * size)
            throw new QatHostException($"{name}: the file ends early: {bytes.Length} of {count * size} data bytes for shape ({string.Join(", ", shape)}).");
        var result = empty(shape, type);
        bytes.CopyTo(result.bytes);
        return result;
    }

    private static string Field(Regex pattern, string header, string name, string field) =>
        pattern.Match(header) is { Success: true } match
            ? match.Groups[1].Value
            : throw new QatHostException($"{name}: the .npy header has no readable '{field}': {header.Trim()}");

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
