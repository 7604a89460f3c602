using PureHDF;

namespace QatHost.Nir.Tests;

/// <summary>Writes NIR files by hand with PureHDF, node by node, as other tools would.</summary>
public static class HandMade
{
    public static H5Group Input(long n) => new() { ["type"] = "Input", ["shape"] = new long[] { n } };

    public static H5Group Output(long n) => new() { ["type"] = "Output", ["shape"] = new long[] { n } };

    public static H5Group Linear(float[,] weight) => new() { ["type"] = "Linear", ["weight"] = weight };

    public static H5Group Affine(float[,] weight, float[] bias) => new() { ["type"] = "Affine", ["weight"] = weight, ["bias"] = bias };

    public static H5Group CubaLif(int n, float tauMem = 0.02f, float tauSyn = 0.005f, float r = 19f, float threshold = 1f, float vLeak = 0f)
        => new()
        {
            ["type"] = "CubaLIF",
            ["tau_mem"] = Fill(n, tauMem), ["tau_syn"] = Fill(n, tauSyn), ["r"] = Fill(n, r),
            ["v_leak"] = Fill(n, vLeak), ["v_threshold"] = Fill(n, threshold), ["w_in"] = Fill(n, 1f),
        };

    public static H5Group Node(string type, params (string Name, object Value)[] fields)
    {
        var g = new H5Group { ["type"] = type };
        foreach (var (name, value) in fields) g[name] = value;
        return g;
    }

    public static float[] Fill(int n, float value) => Enumerable.Repeat(value, n).ToArray();

    public static float[,] Eye(int n, float scale = 1f)
    {
        var m = new float[n, n];
        for (int i = 0; i < n; i++) m[i, i] = scale;
        return m;
    }

    public static float[,] Ones(int rows, int cols, float value = 1f)
    {
        var m = new float[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) m[i, j] = value;
        return m;
    }

    public static string[,] Edges(params (string, string)[] edges)
    {
        var e = new string[edges.Length, 2];
        for (int i = 0; i < edges.Length; i++) (e[i, 0], e[i, 1]) = edges[i];
        return e;
    }

    public static H5Group Graph(Dictionary<string, H5Group> nodes, params (string, string)[] edges)
    {
        var group = new H5Group();
        foreach (var (name, node) in nodes) group[name] = node;
        return new H5Group { ["type"] = "NIRGraph", ["nodes"] = group, ["edges"] = edges.Length == 0 ? Array.Empty<double>() : Edges(edges) };
    }

    /// <summary>Writes a file; <paramref name="fixedStrings"/> uses fixed-length strings instead of h5py's variable-length ones.</summary>
    public static void Write(string path, H5Group graph, string version = "1.0.4", bool fixedStrings = false)
    {
        var file = new H5File { ["version"] = version, ["node"] = graph };
        file.Write(path, fixedStrings ? new H5WriteOptions(DefaultStringLength: 32) : new H5WriteOptions());
    }

    /// <summary>A chain input -> names... -> output.</summary>
    public static (string, string)[] Chain(params string[] names)
    {
        var all = new[] { "input" }.Concat(names).Append("output").ToArray();
        return all.Zip(all.Skip(1)).ToArray();
    }
}
