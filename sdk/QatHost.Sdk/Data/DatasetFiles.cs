using System.IO.Compression;
using static TorchSharp.torch;

namespace QatHost.Sdk.Data;

/// <summary>Reads datasets from <c>.npz</c> archives and <c>.npy</c> files for <see cref="Dataset.Load"/>.</summary>
internal static class DatasetFiles
{
    private static readonly string[] InputNames = ["inputs", "x", "X", "data"];
    private static readonly string[] TargetNames = ["labels", "targets", "y", "Y"];

    public static Dataset Load(string path, string? targetsPath, long? classes)
    {
        if (!File.Exists(path)) throw new QatHostException($"{path}: file not found.");
        using var scope = NewDisposeScope();
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            if (targetsPath is not null)
                throw new QatHostException($"{path}: an .npz archive holds its own labels; omit targetsPath ({targetsPath}).");
            var arrays = ReadArchive(path);
            var inputs = Pick(arrays, InputNames, path, "inputs (N, T, C)");
            var targets = Pick(arrays, TargetNames, path, "labels (N,) or targets (N, T, Cout)");
            return Dataset.FromTensors(inputs, targets, classes, path);
        }
        if (targetsPath is null)
            throw new QatHostException($"{path}: a .npy file holds one array; pass the labels file too: Dataset.Load(\"{path}\", \"labels.npy\").");
        if (!File.Exists(targetsPath)) throw new QatHostException($"{targetsPath}: file not found.");
        return Dataset.FromTensors(Npy.Load(path), Npy.Load(targetsPath), classes, path);
    }

    internal static Dictionary<string, Tensor> ReadArchive(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var arrays = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)))
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                arrays[entry.FullName[..^4]] = Npy.Parse(buffer.ToArray(), $"{path}[{entry.FullName}]");
            }
            return arrays;
        }
        catch (InvalidDataException e)
        {
            throw new QatHostException($"{path}: not a readable .npz (zip) archive: {e.Message}", e);
        }
    }

    private static Tensor Pick(Dictionary<string, Tensor> arrays, string[] names, string path, string what) =>
        names.Where(arrays.ContainsKey).Select(n => arrays[n]).FirstOrDefault()
        ?? throw new QatHostException(
            $"{path}: no array for {what}; expected one named {string.Join(" or ", names.Select(n => $"\"{n}\""))}. " +
            $"The archive holds: {(arrays.Count == 0 ? "none" : string.Join(", ", arrays.Keys))}.");
}
