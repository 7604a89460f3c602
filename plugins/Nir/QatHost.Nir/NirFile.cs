using PureHDF;
using QatHost.Sdk;

namespace QatHost.Nir;

/// <summary>Reads and writes the HDF5 layout of a NIR file (spec §1) with PureHDF: <c>/version</c>, <c>/node</c>
/// holding the top-level <c>NIRGraph</c> (<c>type</c>, <c>edges</c>, <c>nodes/</c>, optional <c>metadata/</c>).</summary>
internal static class NirFile
{
    /// <summary>The version string written into files: the oldest NIR release whose reader takes them (every field
    /// written is one nir 1.0.4 knows; no <c>v_reset</c>).</summary>
    public const string WrittenVersion = "1.0.4";

    public static NirDocument Read(string path)
    {
        if (!File.Exists(path)) throw new QatHostException($"Nir.Load: file {path} does not exist.");
        try
        {
            using var file = H5File.OpenRead(path);
            string version = file.LinkExists("version") && file.Get("version") is IH5Dataset v ? ReadString(v, path, "version") : "";
            if (!file.LinkExists("node") || file.Get("node") is not IH5Group root)
                throw new QatHostException($"Nir.Load: {path} is an HDF5 file but not a NIR graph: it has no group \"node\".");
            var graph = ReadNode(root, "(top level)", path);
            if (!graph.IsGraph)
                throw new QatHostException($"Nir.Load: {path}: the top-level node has type {graph.Type}; a NIR file holds a NIRGraph there.");
            return new NirDocument(version, graph);
        }
        catch (QatHostException) { throw; }
        catch (Exception e)
        {
            throw new QatHostException($"Nir.Load: {path} could not be read as HDF5 ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    private static NirNode ReadNode(IH5Group group, string name, string path)
    {
        if (!group.LinkExists("type") || group.Get("type") is not IH5Dataset typeSet)
            throw new QatHostException($"Nir.Load: {path}: node \"{name}\" has no \"type\" dataset.");
        var node = new NirNode(name, ReadString(typeSet, path, $"{name}/type"));
        foreach (var child in group.Children())
        {
            switch (child.Name)
            {
                case "type":
                    continue;
                case "nodes" when node.IsGraph && child is IH5Group nodes:
                    foreach (var sub in nodes.Children())
                    {
                        if (sub is not IH5Group subGroup)
                            throw new QatHostException($"Nir.Load: {path}: \"{name}/nodes/{sub.Name}\" is not a group; every node is one.");
                        node.Nodes.Add(ReadNode(subGroup, sub.Name, path));
                    }
                    break;
                case "edges" when node.IsGraph && child is IH5Dataset edges:
                    ReadEdges(node, edges, path);
                    break;
                case "metadata" when child is IH5Group metadata:
                    foreach (var item in metadata.Children())
                        if (item is IH5Dataset d) node.Metadata[item.Name] = ReadValue(d, path, $"{name}/metadata/{item.Name}");
                    break;
                default:
                    if (child is IH5Dataset dataset) node.Fields[child.Name] = ReadValue(dataset, path, $"{name}/{child.Name}");
                    else node.Fields[child.Name] = new NirValue($"(group {child.Name})");
                    break;
            }
        }
        return node;
    }

    private static void ReadEdges(NirNode node, IH5Dataset edges, string path)
    {
        // h5py writes an empty edge list as a float64 dataset of length 0.
        if (edges.Space.Dimensions.Aggregate(1UL, (a, b) => a * b) == 0) return;
        if (edges.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength) || edges.Space.Rank != 2 || edges.Space.Dimensions[1] != 2)
            throw new QatHostException(
                $"Nir.Load: {path}: the edges of graph \"{node.Name}\" are {edges.Type.Class} [{string.Join(", ", edges.Space.Dimensions)}]; expected strings of shape (E, 2).");
        var flat = edges.Read<string[]>();
        for (int i = 0; i + 1 < flat.Length; i += 2) node.Edges.Add((flat[i], flat[i + 1]));
    }

    private static string ReadString(IH5Dataset dataset, string path, string what)
    {
        if (dataset.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw new QatHostException($"Nir.Load: {path}: \"{what}\" is {dataset.Type.Class}, not a string.");
        return dataset.Space.Rank == 0 ? dataset.Read<string>() : dataset.Read<string[]>().FirstOrDefault() ?? "";
    }

    private static NirValue ReadValue(IH5Dataset dataset, string path, string what)
    {
        long[] shape = dataset.Space.Rank == 0 ? [] : dataset.Space.Dimensions.Select(d => (long)d).ToArray();
        var type = dataset.Type;
        switch (type.Class)
        {
            case H5DataTypeClass.String or H5DataTypeClass.VariableLength:
                return new NirValue(ReadString(dataset, path, what));
            case H5DataTypeClass.FloatingPoint when type.Size == 4:
                return new NirValue(dataset.Read<float[]>().Select(x => (double)x).ToArray(), shape, NirDType.Float32);
            case H5DataTypeClass.FloatingPoint when type.Size == 8:
                return new NirValue(dataset.Read<double[]>(), shape, NirDType.Float64);
            case H5DataTypeClass.FixedPoint when type.Size == 8:
                return new NirValue(dataset.Read<long[]>().Select(x => (double)x).ToArray(), shape, NirDType.Int64);
            case H5DataTypeClass.FixedPoint when type.Size == 4:
                return new NirValue(dataset.Read<int[]>().Select(x => (double)x).ToArray(), shape, NirDType.Int32);
            case H5DataTypeClass.FixedPoint when type.Size == 1:
                return new NirValue(dataset.Read<byte[]>().Select(x => (double)x).ToArray(), shape, NirDType.Int32);
            case H5DataTypeClass.Enumerated when type.Size == 1: // h5py's bool
                return new NirValue(dataset.Read<byte[]>().Select(x => (double)x).ToArray(), shape, NirDType.Int32);
            default:
                throw new QatHostException($"Nir.Load: {path}: dataset \"{what}\" has an unsupported type ({type.Class}, {type.Size} bytes).");
        }
    }

    public static void Write(NirDocument document, string path)
    {
        var file = new H5File { ["version"] = document.Version, ["node"] = ToGroup(document.Graph) };
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp";
        try
        {
            // Contiguous datasets and variable-length strings, as h5py writes them.
            file.Write(temporary, new H5WriteOptions(PreferCompactDatasetLayout: false));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is not QatHostException)
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw new QatHostException($"Nir.Save: could not write {path} ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    private static H5Group ToGroup(NirNode node)
    {
        var group = new H5Group { ["type"] = node.Type };
        foreach (var (name, value) in node.Fields) group[name] = ToData(value);
        if (node.IsGraph)
        {
            var nodes = new H5Group();
            foreach (var sub in node.Nodes) nodes[sub.Name] = ToGroup(sub);
            group["nodes"] = nodes;
            if (node.Edges.Count == 0) group["edges"] = Array.Empty<double>();
            else
            {
                var edges = new string[node.Edges.Count, 2];
                for (int i = 0; i < node.Edges.Count; i++) (edges[i, 0], edges[i, 1]) = node.Edges[i];
                group["edges"] = edges;
            }
        }
        if (node.Metadata.Count > 0)
        {
            var metadata = new H5Group();
            foreach (var (name, value) in node.Metadata) metadata[name] = ToData(value);
            group["metadata"] = metadata;
        }
        return group;
    }

    private static object ToData(NirValue value)
    {
        if (value.IsString) return value.Text!;
        var n = value.Numbers;
        return (value.DType, value.Shape.Length) switch
        {
            (NirDType.Float32, 0) => (float)n[0],
            (NirDType.Float64, 0) => n[0],
            (NirDType.Int64, 0) => (long)n[0],
            (NirDType.Float32, 1) => n.Select(x => (float)x).ToArray(),
            (NirDType.Float64, 1) => n,
            (NirDType.Int64, 1) => n.Select(x => (long)x).ToArray(),
            (NirDType.Float32, 2) => Matrix(n.Select(x => (float)x).ToArray(), value.Shape),
            (NirDType.Float64, 2) => Matrix(n, value.Shape),
            _ => throw new InvalidOperationException($"NIR writer: no encoding for {value.Describe()}."),
        };
    }

    private static T[,] Matrix<T>(T[] flat, long[] shape)
    {
        var m = new T[shape[0], shape[1]];
        for (long i = 0; i < shape[0]; i++)
            for (long j = 0; j < shape[1]; j++) m[i, j] = flat[i * shape[1] + j];
        return m;
    }
}
