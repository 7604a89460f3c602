using System.IO.Compression;
using System.Text.Json;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Trees;
using TorchSharp;
using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>
/// Checkpoint files (<c>.ckpt</c>): a network's trainable tensors (raw parameters and the trainable state of
/// attached transforms) and, when written by <c>Train</c>, the training state needed to resume: epoch,
/// step, seed, optimizer state, torch's generator state and the history. A zip archive written
/// atomically: the file is complete or the previous one stays.
/// </summary>
/// <remarks><c>Train(..., checkpoint: "out/run.ckpt", resume: true)</c> writes one after every epoch and
/// continues from it. <see cref="Module.Save"/> writes Rockpool's JSON instead, without transforms.</remarks>
public static class Checkpoint
{
    private const string Format = "qathost-checkpoint/1";

    /// <summary>Writes the network's trainable tensors (no training state) to <paramref name="path"/>.</summary>
    public static void Save(Module net, string path) => Write(path, NamedParameters.Of(net), null, null);

    /// <summary>Copies the tensors of a checkpoint into <paramref name="net"/>, which must have the structure
    /// of the network that wrote it (same layers, shapes and attached trainable transforms).</summary>
    /// <exception cref="QatHostException">The file is missing, unreadable or from another structure; nothing is changed.</exception>
    public static void Load(Module net, string path)
    {
        using var scope = NewDisposeScope();
        var data = Read(path);
        Restore(NamedParameters.Of(net), data, path);
    }

    internal static void Write(string path, NamedParameters parameters, optim.Optimizer? optimizer, TrainingState? state)
    {
        var manifest = new Manifest(Format,
            parameters.Entries.Select(e => new TensorEntry(e.Key, e.Parameter.shape)).ToList(), state);
        AtomicFile.Write(path, temp =>
        {
            using var zip = ZipFile.Open(temp, ZipArchiveMode.Create);
            using (var stream = zip.CreateEntry("checkpoint.json").Open())
                JsonSerializer.Serialize(stream, manifest, Json);
            WriteBinary(zip, "tensors.bin", w => { foreach (var e in parameters.Entries) e.Parameter.detach().contiguous().Save(w); });
            if (optimizer is TorchSharp.Modules.OptimizerHelper helper)
                WriteBinary(zip, "optimizer.bin", helper.save_state_dict);
            if (state is not null)
                WriteBinary(zip, "rng.bin", w => { using var rng = get_rng_state(); rng.Save(w); });
        });
    }

    /// <summary>Refuses, before any training, a checkpoint path that <c>Train</c> could not write after the first
    /// epoch: a folder, a missing folder, or a folder without write permission.</summary>
    internal static void CheckWritable(string path)
    {
        if (Directory.Exists(path))
            throw new QatHostException($"Train: checkpoint path {path} is a folder; give a file name, e.g. {System.IO.Path.Combine(path, "run.ckpt")}.");
        string full = System.IO.Path.GetFullPath(path);
        string folder = System.IO.Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new QatHostException($"Train: the folder of checkpoint {path} does not exist; create it first (Directory.CreateDirectory(\"{System.IO.Path.GetDirectoryName(path)}\")).");
        if (File.Exists(full) && File.GetAttributes(full).HasFlag(FileAttributes.ReadOnly))
            throw new QatHostException($"Train: checkpoint {path} is read-only; Train replaces it after every epoch.");
        string probe = full + $".{Guid.NewGuid():N}.probe";
        try
        {
            using (File.Create(probe)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QatHostException($"Train: checkpoint {path} cannot be written ({e.Message}); choose a writable folder.", e);
        }
        finally
        {
            if (File.Exists(probe)) File.Delete(probe);
        }
    }

    internal static CheckpointData Read(string path)
    {
        if (!File.Exists(path)) throw new QatHostException($"{path}: checkpoint not found.");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifest = Bytes(zip, "checkpoint.json") is { } json
                ? JsonSerializer.Deserialize<Manifest>(json, Json)
                : null;
            if (manifest?.Format != Format || manifest.Tensors is null)
                throw new QatHostException($"{path}: not a QatHost checkpoint ({Format}).");
            var tensors = new List<Tensor>();
            ReadBinary(zip, "tensors.bin", r => { foreach (var _ in manifest.Tensors) tensors.Add(Tensor.Load(r)); });
            byte[]? optimizer = Bytes(zip, "optimizer.bin");
            Tensor? rng = null;
            ReadBinary(zip, "rng.bin", r => rng = Tensor.Load(r), optional: true);
            return new CheckpointData(manifest.Tensors, tensors, optimizer, rng, manifest.Training);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or EndOfStreamException or IOException)
        {
            throw new QatHostException($"{path}: the checkpoint is damaged or not a checkpoint: {e.Message.TrimEnd('.')}. {Recovery}", e);
        }
    }

    /// <summary>Checks that the checkpoint fits <paramref name="parameters"/> exactly, then copies its values in.</summary>
    internal static void Restore(NamedParameters parameters, CheckpointData data, string path)
    {
        var ours = parameters.Entries;
        for (int i = 0; i < Math.Max(ours.Count, data.Entries.Count); i++)
        {
            string? problem = i >= data.Entries.Count ? $"this network's {ours[i].Describe()} is not in it"
                : i >= ours.Count ? $"it holds \"{data.Entries[i].Key}\", which this network does not have"
                : data.Entries[i].Key != ours[i].Key
                    ? $"it holds \"{data.Entries[i].Key}\" where this network has {ours[i].Describe()}"
                : !Shapes.Equal(data.Entries[i].Shape, ours[i].Parameter.shape)
                    ? $"it holds \"{ours[i].Key}\" with shape {Shapes.Format(data.Entries[i].Shape)}, this network's has shape {Shapes.Format(ours[i].Parameter.shape)}"
                : null;
            if (problem is not null)
                throw new QatHostException(
                    $"{path}: the checkpoint is from another network structure: {problem} " +
                    $"({data.Entries.Count} tensors in the checkpoint, {ours.Count} in this network).");
        }
        for (int i = 0; i < ours.Count; i++)
            if (ours[i].Problem(data.Tensors[i]) is { } bad)
                throw new QatHostException(
                    $"{path}: \"{ours[i].Key}\" is {Engine.LIFTorch.Describe(data.Tensors[i])} in the checkpoint, but " +
                    $"{ours[i].Attribute ?? "it"} {bad}. Nothing was loaded. {Recovery}");
        using var noGrad = no_grad();
        for (int i = 0; i < ours.Count; i++) ours[i].Parameter.copy_(data.Tensors[i]);
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static void WriteBinary(ZipArchive zip, string name, Action<BinaryWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new BinaryWriter(stream);
        write(writer);
    }

    private static void ReadBinary(ZipArchive zip, string name, Action<BinaryReader> read, bool optional = false)
    {
        var bytes = Bytes(zip, name);
        if (bytes is null)
        {
            if (optional) return;
            throw new InvalidDataException($"entry {name} is missing");
        }
        using var reader = new BinaryReader(new MemoryStream(bytes));
        read(reader);
    }

    private const string Recovery = "Delete the file, or pass resume: false to start afresh.";

    /// <summary>An entry's bytes, checked against the CRC-32 the archive records for it (the zip reader does not check).</summary>
    private static byte[]? Bytes(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry) return null;
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        byte[] bytes = buffer.ToArray();
        if (Crc32.Of(bytes) != entry.Crc32)
            throw new InvalidDataException($"entry {name} fails its CRC check (the file was corrupted after it was written)");
        return bytes;
    }

    internal sealed record TensorEntry(string Key, long[] Shape);

    private sealed record Manifest(string Format, List<TensorEntry> Tensors, TrainingState? Training);
}
