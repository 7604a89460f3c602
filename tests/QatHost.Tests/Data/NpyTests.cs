using System.Text;
using QatHost.Sdk;
using QatHost.Sdk.Data;
using static TorchSharp.torch;

namespace QatHost.Tests.Data;

/// <summary>Npy.Load and Npy.Save against files written by NumPy 1.24 (np.save, np.lib.format.write_array).</summary>
public sealed class NpyTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qathost-npy-" + Guid.NewGuid().ToString("N"));

    public NpyTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private const string Supported = "float32, float64, int8, int16, int32, int64, uint8, bool";

    /// <summary>Files written by NumPy 1.24.2, base64 encoded; the comment gives the Python that wrote each.</summary>
    private static class NumPy
    {
        // np.save(f, np.array([[1.5, -2, 3], [0.25, 1e-3, -0.0]], dtype=np.float32))
        public const string Float32_2x3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAAwAAAQEAAAIA+bxKDOgAAAIA=";
        // np.save(f, np.array([0.1, -2.5, 1e300, np.pi]))
        public const string Float64 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAqamZmZmZm5PwAAAAAAAATAnHUAiDzkN34YLURU+yEJQA==";
        // np.save(f, np.array([[True, False], [False, True]]))
        public const string Bool_2x2 = "k05VTVBZAQB2AHsnZGVzY3InOiAnfGIxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDIpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAAB";
        // np.save(f, np.array([-9007199254740993, 0, 2**62], dtype=np.int64))
        public const string Int64 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAr////////f/wAAAAAAAAAAAAAAAAAAAEA=";
        // np.save(f, np.array([0, 255], dtype=np.uint8))
        public const string UInt8 = "k05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoA/w==";
        // np.save(f, np.array([-128, 127], dtype=np.int8))
        public const string Int8 = "k05VTVBZAQB2AHsnZGVzY3InOiAnfGkxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAqAfw==";
        // np.save(f, np.array(2.5, dtype=np.float32))
        public const string Float32Scalar = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAACBA";
        // np.lib.format.write_array(f, np.arange(6, dtype=np.int32).reshape(3, 2), version=(2, 0))
        public const string Version2Int32_3x2 = "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8aTQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAQAAAAIAAAADAAAABAAAAAUAAAA=";
        // np.lib.format.write_array(f, np.array([7, -8], dtype=np.int16), version=(3, 0))
        public const string Version3Int16 = "k05VTVBZAwB0AAAAeydkZXNjcic6ICc8aTInLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoHAPj/";
        // np.save(f, np.array([1, -2, 300], dtype='>i4'))
        public const string BigEndianInt32 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPmk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAB/////gAAASw=";
        // np.save(f, np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
        public const string FortranFloat32_2x3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAABAQAAAgD8AAIBAAAAAQAAAoEA=";
        // np.save(f, np.array([1 + 2j], dtype=np.complex64))
        public const string Complex64 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGM4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIA/AAAAQA==";
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteNumPy(string name, string base64) => Write(name, Convert.FromBase64String(base64));

    public static TheoryData<ScalarType, long[]> DtypesAndShapes()
    {
        var data = new TheoryData<ScalarType, long[]>();
        ScalarType[] dtypes = [ScalarType.Float32, ScalarType.Float64, ScalarType.Int8, ScalarType.Int16,
            ScalarType.Int32, ScalarType.Int64, ScalarType.Byte, ScalarType.Bool];
        long[][] shapes = [[2, 3], [], [0, 3], [5], [2, 1, 4]];
        foreach (var dtype in dtypes)
            foreach (var shape in shapes)
                data.Add(dtype, shape);
        return data;
    }

    private static Tensor Sample(ScalarType dtype, long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var values = (arange(n, ScalarType.Float64) - 2) * 1.25; // negative, fractional and zero values
        var typed = dtype switch
        {
            ScalarType.Bool => values.gt(0),
            ScalarType.Byte => (values * 40).abs().to_type(dtype),
            _ => values.to_type(dtype),
        };
        return typed.reshape(shape);
    }

    [Theory]
    [MemberData(nameof(DtypesAndShapes))]
    public void A_saved_tensor_loads_back_with_the_same_dtype_shape_and_values(ScalarType dtype, long[] shape)
    {
        var original = Sample(dtype, shape);
        string path = Path.Combine(folder, "x.npy");

        Npy.Save(path, original);
        var loaded = Npy.Load(path);

        loaded.dtype.ShouldBe(dtype);
        loaded.shape.ShouldBe(shape);
        loaded.eq(original).all().item<bool>().ShouldBeTrue();
        Directory.GetFiles(folder).ShouldBe([path]);
    }

    [Fact]
    public void Numpy_float32_file_loads_with_its_shape_and_values()
    {
        var t = Npy.Load(WriteNumPy("f4.npy", NumPy.Float32_2x3));

        t.dtype.ShouldBe(ScalarType.Float32);
        t.shape.ShouldBe([2L, 3L]);
        t.data<float>().ToArray().ShouldBe([1.5f, -2f, 3f, 0.25f, 1e-3f, -0f]);
    }

    [Fact]
    public void Float64_file_loads_with_its_dtype_and_values()
    {
        var t = Npy.Load(WriteNumPy("f8.npy", NumPy.Float64));

        t.dtype.ShouldBe(ScalarType.Float64);
        t.shape.ShouldBe([4L]);
        t.data<double>().ToArray().ShouldBe([0.1, -2.5, 1e300, Math.PI]);
    }

    [Fact]
    public void Bool_file_loads_as_a_bool_tensor()
    {
        var t = Npy.Load(WriteNumPy("b1.npy", NumPy.Bool_2x2));

        t.dtype.ShouldBe(ScalarType.Bool);
        t.shape.ShouldBe([2L, 2L]);
        t.data<bool>().ToArray().ShouldBe([true, false, false, true]);
    }

    [Fact]
    public void Int64_file_loads_values_beyond_float_precision_exactly()
    {
        var t = Npy.Load(WriteNumPy("i8.npy", NumPy.Int64));

        t.dtype.ShouldBe(ScalarType.Int64);
        t.data<long>().ToArray().ShouldBe([-9007199254740993L, 0L, 1L << 62]);
    }

    [Fact]
    public void One_byte_integer_files_load_with_their_extreme_values()
    {
        var u = Npy.Load(WriteNumPy("u1.npy", NumPy.UInt8));
        var i = Npy.Load(WriteNumPy("i1.npy", NumPy.Int8));

        u.dtype.ShouldBe(ScalarType.Byte);
        u.data<byte>().ToArray().ShouldBe([(byte)0, (byte)255]);
        i.dtype.ShouldBe(ScalarType.Int8);
        i.data<sbyte>().ToArray().ShouldBe([(sbyte)-128, (sbyte)127]);
    }

    [Fact]
    public void A_numpy_scalar_file_loads_as_a_zero_dimensional_tensor()
    {
        var t = Npy.Load(WriteNumPy("scalar.npy", NumPy.Float32Scalar));

        t.dim().ShouldBe(0);
        t.item<float>().ShouldBe(2.5f);
    }

    [Fact]
    public void A_version_2_file_loads()
    {
        var t = Npy.Load(WriteNumPy("v2.npy", NumPy.Version2Int32_3x2));

        t.dtype.ShouldBe(ScalarType.Int32);
        t.shape.ShouldBe([3L, 2L]);
        t.data<int>().ToArray().ShouldBe([0, 1, 2, 3, 4, 5]);
    }

    [Fact]
    public void A_version_3_file_loads()
    {
        var t = Npy.Load(WriteNumPy("v3.npy", NumPy.Version3Int16));

        t.dtype.ShouldBe(ScalarType.Int16);
        t.data<short>().ToArray().ShouldBe([(short)7, (short)-8]);
    }

    [Fact]
    public void A_big_endian_file_is_byte_swapped_on_load()
    {
        var t = Npy.Load(WriteNumPy("be.npy", NumPy.BigEndianInt32));

        t.dtype.ShouldBe(ScalarType.Int32);
        t.data<int>().ToArray().ShouldBe([1, -2, 300]);
    }

    [Theory]
    [InlineData(NumPy.Float32_2x3)]
    [InlineData(NumPy.Float64)]
    [InlineData(NumPy.Bool_2x2)]
    [InlineData(NumPy.Int64)]
    [InlineData(NumPy.UInt8)]
    [InlineData(NumPy.Int8)]
    [InlineData(NumPy.Float32Scalar)]
    public void Saving_a_loaded_numpy_file_writes_the_same_bytes_numpy_wrote(string base64)
    {
        var tensor = Npy.Load(WriteNumPy("numpy.npy", base64));
        string path = Path.Combine(folder, "ours.npy");

        Npy.Save(path, tensor);

        Convert.ToBase64String(File.ReadAllBytes(path)).ShouldBe(base64);
    }

    [Theory]
    [InlineData(new long[] { 2, 3 }, "(2, 3)")]
    [InlineData(new long[] { 7 }, "(7,)")]
    [InlineData(new long[0], "()")]
    [InlineData(new long[] { 0, 3 }, "(0, 3)")]
    [InlineData(new long[] { 123456789, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, "(123456789, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)")]
    public void The_header_is_numpys_dict_text_padded_to_64_bytes_and_ending_in_a_newline(long[] shape, string shapeText)
    {
        string path = Path.Combine(folder, "h.npy");

        Npy.Save(path, zeros(shape));

        byte[] bytes = File.ReadAllBytes(path);
        bytes[..8].ShouldBe(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 });
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        ((10 + headerLength) % 64).ShouldBe(0);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        header.ShouldStartWith($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shapeText}, }}");
        header.ShouldEndWith(" \n");
        header.TrimEnd().Length.ShouldBe(header.IndexOf('}') + 1);
    }

    [Fact]
    public void A_non_contiguous_tensor_that_requires_grad_saves_its_values_in_c_order()
    {
        var transposed = arange(6f).reshape(2, 3).t().requires_grad_(); // [[0, 3], [1, 4], [2, 5]]
        string path = Path.Combine(folder, "t.npy");

        Npy.Save(path, transposed);

        var loaded = Npy.Load(path);
        loaded.shape.ShouldBe([3L, 2L]);
        loaded.data<float>().ToArray().ShouldBe([0f, 3f, 1f, 4f, 2f, 5f]);
        loaded.requires_grad.ShouldBeFalse();
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(folder, "x.npy");
        Npy.Save(path, ones(100));

        Npy.Save(path, tensor(new[] { 4, 5 }));

        Npy.Load(path).data<int>().ToArray().ShouldBe([4, 5]);
        Directory.GetFiles(folder).ShouldBe([path]);
    }

    [Fact]
    public void A_missing_file_is_reported_as_not_found()
    {
        string path = Path.Combine(folder, "absent.npy");

        Should.Throw<QatHostException>(() => Npy.Load(path)).Message.ShouldBe($"{path}: file not found");
    }

    [Fact]
    public void A_file_without_the_npy_magic_is_reported_as_not_a_npy_file()
    {
        string path = Write("text.npy", Encoding.ASCII.GetBytes("x,y\n1,2\n"));

        Should.Throw<QatHostException>(() => Npy.Load(path)).Message.ShouldBe($"{path}: not a .npy file (bad magic)");
    }

    [Fact]
    public void Truncated_data_is_reported_with_the_expected_and_found_byte_counts()
    {
        byte[] whole = Convert.FromBase64String(NumPy.Float32_2x3);
        string path = Write("short.npy", whole[..^8]);

        Should.Throw<QatHostException>(() => Npy.Load(path)).Message
            .ShouldBe($"{path}: file is truncated: header says shape (2, 3) of float32 = 24 bytes of data, found 16");
    }

    [Fact]
    public void A_shape_too_large_to_load_is_refused_without_overflowing()
    {
        byte[] bytes = Convert.FromBase64String(NumPy.Float32_2x3);
        string text = Encoding.ASCII.GetString(bytes);
        int at = text.IndexOf("(2, 3)");
        byte[] huge = [.. bytes[..at], .. Encoding.ASCII.GetBytes("(9223372036854775807, 3)"), .. bytes[(at + 6)..]];
        huge[8] = (byte)(huge[8] + 18); // the header grew by 18 characters
        string path = Write("huge.npy", huge);

        Should.Throw<QatHostException>(() => Npy.Load(path)).Message
            .ShouldBe($"{path}: shape (9223372036854775807, 3) of float32 is too large to load (over 2 GiB)");
    }

    [Fact]
    public void A_truncated_header_is_reported_as_truncated()
    {
        byte[] whole = Convert.FromBase64String(NumPy.Float32_2x3);
        string path = Write("cut.npy", whole[..50]);

        var message = Should.Throw<QatHostException>(() => Npy.Load(path)).Message;

        message.ShouldStartWith($"{path}: file is truncated");
        message.ShouldContain("header");
    }

    [Fact]
    public void A_fortran_order_file_is_refused_with_advice_to_save_it_contiguous()
    {
        string path = WriteNumPy("fortran.npy", NumPy.FortranFloat32_2x3);

        var message = Should.Throw<QatHostException>(() => Npy.Load(path)).Message;

        message.ShouldStartWith($"{path}: ");
        message.ShouldContain("Fortran order");
        message.ShouldContain("np.ascontiguousarray");
    }

    [Fact]
    public void An_unsupported_dtype_is_named_with_the_supported_ones()
    {
        string path = WriteNumPy("complex.npy", NumPy.Complex64);

        Should.Throw<QatHostException>(() => Npy.Load(path)).Message
            .ShouldBe($"{path}: unsupported dtype '<c8' (supported: {Supported})");
    }

    [Fact]
    public void An_unknown_format_version_is_refused()
    {
        byte[] bytes = Convert.FromBase64String(NumPy.Float32_2x3);
        bytes[6] = 4;
        string path = Write("v4.npy", bytes);

        Should.Throw<QatHostException>(() => Npy.Load(path)).Message
            .ShouldBe($"{path}: unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)");
    }

    [Fact]
    public void A_header_without_a_shape_is_reported_as_bad()
    {
        byte[] bytes = Convert.FromBase64String(NumPy.Float32_2x3);
        int at = Encoding.ASCII.GetString(bytes).IndexOf("'shape'");
        Encoding.ASCII.GetBytes("'shapf'").CopyTo(bytes, at);
        string path = Write("noshape.npy", bytes);

        var message = Should.Throw<QatHostException>(() => Npy.Load(path)).Message;

        message.ShouldStartWith($"{path}: bad .npy header");
        message.ShouldContain("'shapf': (2, 3)");
    }

    [Fact]
    public void Saving_an_unsupported_dtype_throws_and_leaves_the_previous_file_and_no_temporary_file()
    {
        string path = Path.Combine(folder, "x.npy");
        Npy.Save(path, ones(3));
        byte[] before = File.ReadAllBytes(path);

        Should.Throw<QatHostException>(() => Npy.Save(path, ones(3, ScalarType.ComplexFloat32))).Message
            .ShouldBe($"{path}: cannot save dtype ComplexFloat32 (supported: {Supported})");

        File.ReadAllBytes(path).ShouldBe(before);
        Directory.GetFiles(folder).ShouldBe([path]);
    }

    [Fact]
    public void Saving_into_a_missing_folder_throws_naming_the_path_and_writes_nothing()
    {
        string path = Path.Combine(folder, "absent", "x.npy");

        Should.Throw<QatHostException>(() => Npy.Save(path, ones(3))).Message.ShouldStartWith($"{path}: ");

        Directory.GetFileSystemEntries(folder).ShouldBeEmpty();
    }
}
