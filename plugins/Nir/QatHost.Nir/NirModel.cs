namespace QatHost.Nir;

/// <summary>The element type a NIR dataset was stored with (numbers keep their file dtype: Rockpool writes float32,
/// numpy defaults are float64, shapes are int64).</summary>
internal enum NirDType { Float32, Float64, Int64, Int32, String }

/// <summary>One dataset of a NIR node: a number array (row-major, with its shape) or a string.</summary>
internal sealed class NirValue
{
    public NirValue(double[] numbers, long[] shape, NirDType dtype)
    {
        Numbers = numbers;
        Shape = shape;
        DType = dtype;
    }

    public NirValue(string text)
    {
        Text = text;
        Shape = [];
        DType = NirDType.String;
    }

    /// <summary>The values as doubles (float32 values convert exactly).</summary>
    public double[] Numbers { get; } = [];

    /// <summary>The string value, for string datasets.</summary>
    public string? Text { get; }

    /// <summary>The dataset's shape; empty for a scalar.</summary>
    public long[] Shape { get; }

    public NirDType DType { get; }

    public bool IsString => DType == NirDType.String;

    public float[] Floats => Numbers.Select(x => (float)x).ToArray();

    public static NirValue Float32(float[] values, params long[] shape) =>
        new(values.Select(v => (double)v).ToArray(), shape.Length == 0 && values.Length != 1 ? [values.Length] : shape, NirDType.Float32);

    public static NirValue Float32Scalar(float value) => new([value], [], NirDType.Float32);

    public static NirValue Float64Scalar(double value) => new([value], [], NirDType.Float64);

    public static NirValue Int64(params long[] values) => new(values.Select(v => (double)v).ToArray(), [values.Length], NirDType.Int64);

    public string Describe() => IsString ? $"\"{Text}\"" : $"{DType.ToString().ToLowerInvariant()} [{string.Join(", ", Shape)}]";
}

/// <summary>A NIR node: its name, its type string, its datasets and, for a <c>NIRGraph</c>, its nodes and edges.</summary>
internal sealed class NirNode(string name, string type)
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    /// <summary>Datasets other than <c>type</c> (and, for a graph, other than <c>nodes</c>/<c>edges</c>), in file order.</summary>
    public Dictionary<string, NirValue> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>metadata</c> group's datasets, if any.</summary>
    public Dictionary<string, NirValue> Metadata { get; } = new(StringComparer.Ordinal);

    /// <summary>For a <c>NIRGraph</c> node: its nodes, in file order.</summary>
    public List<NirNode> Nodes { get; } = [];

    /// <summary>For a <c>NIRGraph</c> node: its edges (source, target), in file order.</summary>
    public List<(string Source, string Target)> Edges { get; } = [];

    public bool IsGraph => Type == "NIRGraph";

    public string Label => $"node \"{Name}\" ({Type})";

    public NirNode Add(string field, NirValue value)
    {
        Fields[field] = value;
        return this;
    }
}

/// <summary>A NIR file: its version string and its top-level graph.</summary>
internal sealed record NirDocument(string Version, NirNode Graph);
