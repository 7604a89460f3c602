using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace QatHost.Sdk.Data;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0) as tensors, keeping the dtype.
/// Supported dtypes: float32, float64, int8, int16, int32, int64, uint8 and bool, in C order.
/// </summary>
/// <remarks>In Python, <c>np.save(path, a)</c> writes a file that <see cref="Load"/> reads, and
/// <c>np.load(path)</c> reads what <see cref="Save"/> writes.</remarks>
public static partial class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const string Supported = "float32, float64, int8, int16, int32, int64, uint8, bool";

    // NumPy type code (the descr without its byte-order character) -> TorchSharp dtype, name, element size.
    private static readonly (string Code, ScalarType Type, string Name, int Size)[] Types =
    [
        ("f4", ScalarType.Float32, "float32", 4), ("f8", ScalarType.Float64, "float64", 8),
        ("i1", ScalarType.Int8, "int8", 1), ("i2", ScalarType.Int16, "int16", 2),
        ("i4", ScalarType.Int32, "int32", 4), ("i8", ScalarType.Int64, "int64", 8),
        ("u1", ScalarType.Byte, "uint8", 1), ("b1", ScalarType.Bool, "bool", 1),
    ];

    /// <summary>Reads the <c>.npy</c> file at <paramref name="path"/> into a new CPU tensor with the file's
    /// shape and dtype (float64 stays float64, bool stays bool; shape <c>()</c> gives a 0-d tensor).
    /// Big-endian files are byte-swapped.</summary>
    /// <exception cref="QatHostException">The file is missing, unreadable, not a .npy file, truncated, in
    /// Fortran order, or of an unsupported dtype or format version; the message names the file.</exception>
    public static Tensor Load(string path)
    {
        byte[] file;
        try { file = File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        { throw new QatHostException($"{path}: file not found", e); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new QatHostException($"{path}: cannot read: {e.Message}", e); }
        return Parse(file, path);
    }

    /// <summary>Reads a whole <c>.npy</c> image already in memory (an entry of an <c>.npz</c> archive, say);
    /// <paramref name="path"/> names it in errors, e.g. <c>data.npz[inputs.npy]</c>.</summary>
    /// <exception cref="QatHostException">As <see cref="Load(string)"/>.</exception>
    public static Tensor Parse(byte[] file, string path)
    {
        if (file.Length < 8 || !file.AsSpan(0, 6).SequenceEqual(Magic))
            throw new QatHostException($"{path}: not a .npy file (bad magic)");
        int major = file[6], minor = file[7];
        if (major is < 1 or > 3 || minor != 0)
            throw new QatHostException($"{path}: unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0)");
        int lengthSize = major == 1 ? 2 : 4; // version 1.0 has a 2-byte header length, 2.0 and 3.0 a 4-byte one
        long headerLength = file.Length < 8 + lengthSize ? long.MaxValue : lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8))
            : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8));
        if (headerLength > file.Length - 8 - lengthSize)
            throw new QatHostException($"{path}: file is truncated: the header is cut short ({file.Length} bytes in all)");
        long dataStart = 8 + lengthSize + headerLength;
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(file, 8 + lengthSize, (int)headerLength);

        var (descr, fortranOrder, shape) = ParseHeader(path, header);
        if (fortranOrder)
            throw new QatHostException($"{path}: the array is in Fortran order, which is not supported; " +
                                       "save it in C order with np.save(path, np.ascontiguousarray(a))");
        int t = descr.Length == 3 && descr[0] is '<' or '>' or '|' ? Array.FindIndex(Types, x => x.Code == descr[1..]) : -1;
        if (t < 0)
            throw new QatHostException($"{path}: unsupported dtype '{descr}' (supported: {Supported})");
        var (_, type, name, size) = Types[t];

        long expected;
        try { expected = shape.Aggregate((long)size, (a, b) => checked(a * b)); }
        catch (OverflowException) { expected = long.MaxValue; }
        if (expected > int.MaxValue)
            throw new QatHostException($"{path}: shape {ShapeText(shape)} of {name} is too large to load (over 2 GiB)");
        long found = file.Length - dataStart;
        if (found < expected)
            throw new QatHostException($"{path}: file is truncated: header says shape {ShapeText(shape)} of {name} = " +
                                       $"{expected} bytes of data, found {found}");

        var data = file.AsSpan((int)dataStart, (int)expected);
        if (descr[0] == '>')
            for (int i = 0; i < data.Length; i += size) data.Slice(i, size).Reverse();
        var tensor = empty(shape, type);
        tensor.bytes = data;
        return tensor;
    }

    /// <summary>Writes <paramref name="tensor"/> to <paramref name="path"/> as a <c>.npy</c> file (format
    /// version 1.0, or 2.0 if the header needs it) in C order with the tensor's dtype, byte for byte as NumPy
    /// writes it. The tensor may require grad, be non-contiguous or live on another device. The file is
    /// written to a temporary file in the same folder and moved over <paramref name="path"/>, so a failure
    /// leaves any previous file as it was.</summary>
    /// <exception cref="QatHostException">The dtype is not supported, the folder does not exist or the file
    /// cannot be written; the message names the file.</exception>
    public static void Save(string path, Tensor tensor)
    {
        int t = Array.FindIndex(Types, x => x.Type == tensor.dtype);
        if (t < 0)
            throw new QatHostException($"{path}: cannot save dtype {tensor.dtype} (supported: {Supported})");
        var (code, _, _, size) = Types[t];
        long[] shape = tensor.shape;

        string dict = $"{{'descr': '{(size == 1 ? '|' : '<')}{code}', 'fortran_order': False, 'shape': {ShapeText(shape)}, }}";
        // NumPy >= 1.24 leaves room for the first axis to grow to 21 digits, so the header can be rewritten in place.
        if (shape.Length > 0) dict += new string(' ', 21 - shape[0].ToString().Length);
        // Pad with spaces and end with '\n' so the data starts at a multiple of 64 bytes (1 to 64 spaces, as NumPy);
        // version 2.0 only where the header does not fit the 2-byte length of version 1.0.
        string Padded(int lengthSize) => dict + new string(' ', 64 - (8 + lengthSize + dict.Length + 1) % 64) + "\n";
        int lengthSize = Padded(2).Length <= ushort.MaxValue ? 2 : 4;
        byte[] header = Encoding.Latin1.GetBytes(Padded(lengthSize));
        byte[] preamble = [.. Magic, (byte)(lengthSize == 2 ? 1 : 2), 0, .. new byte[lengthSize]];
        if (lengthSize == 2) BinaryPrimitives.WriteUInt16LittleEndian(preamble.AsSpan(8), (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(preamble.AsSpan(8), (uint)header.Length);

        using var scope = NewDisposeScope();
        var contiguous = tensor.detach().cpu().contiguous();
        AtomicFile.Write(path, temp =>
        {
            using var stream = File.Create(temp);
            stream.Write(preamble);
            stream.Write(header);
            stream.Write(contiguous.bytes);
        });
    }

    private static (string Descr, bool FortranOrder, long[] Shape) ParseHeader(string path, string header)
    {
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        long[]? dims = shape.Success ? ParseDims(shape.Groups[1].Value) : null;
        if (!descr.Success || !fortran.Success || dims is null)
            throw new QatHostException($"{path}: bad .npy header (needs a 'descr' string, 'fortran_order' and " +
                                       $"a 'shape' of non-negative integers): {header.Trim()}");
        return (descr.Groups[1].Value, fortran.Groups[1].Value == "True", dims);
    }

    private static long[]? ParseDims(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var dims = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], out dims[i]) || dims[i] < 0) return null;
        return dims;
    }

    /// <summary>A shape as Python writes a tuple: <c>()</c>, <c>(4,)</c>, <c>(2, 3)</c>.</summary>
    private static string ShapeText(long[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
