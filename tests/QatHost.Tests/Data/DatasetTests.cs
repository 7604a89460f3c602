using QatHost.Sdk;
using QatHost.Sdk.Data;
using QatHost.Tests.Training;
using static TorchSharp.torch;

namespace QatHost.Tests.Data;

/// <summary>Datasets from tensors and files, split, shuffled and batched reproducibly; bad data refused by name.</summary>
public sealed class DatasetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-data-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Dataset Numbered(int n) =>
        Dataset.FromTensors(arange(n, ScalarType.Float32).reshape(n, 1, 1).expand(n, 2, 3), arange(n) % 3, source: "numbered");

    [Fact]
    public void A_split_is_disjoint_complete_and_the_same_for_the_same_seed()
    {
        using var data = Numbered(10);

        var (train, test) = data.Split(testFraction: 0.3, seed: 4);
        var (train2, _) = data.Split(testFraction: 0.3, seed: 4);

        train.Count.ShouldBe(7);
        test.Count.ShouldBe(3);
        var ids = train.Inputs[.., 0, 0].data<float>().Concat(test.Inputs[.., 0, 0].data<float>()).ToList();
        ids.Order().ShouldBe(Enumerable.Range(0, 10).Select(i => (float)i));
        train2.Inputs.IsIdenticalTo(train.Inputs).ShouldBeTrue();
        train.Targets.IsIdenticalTo(train.Inputs[.., 0, 0].to_type(ScalarType.Int64) % 3).ShouldBeTrue();
    }

    [Fact]
    public void Batches_cover_every_sample_once_shuffled_by_seed_with_a_smaller_last_batch()
    {
        using var data = Numbered(7);

        var batches = data.Batches(3, shuffleSeed: 1).ToList();
        var again = data.Batches(3, shuffleSeed: 1).Select(b => b.Inputs[.., 0, 0].data<float>().ToArray()).ToList();
        var other = data.Batches(3, shuffleSeed: 2).Select(b => b.Inputs[.., 0, 0].data<float>().ToArray()).ToList();

        batches.Select(b => b.Size).ShouldBe([3L, 3L, 1L]);
        batches.ShouldAllBe(b => b.Of == 3);
        var order = batches.SelectMany(b => b.Inputs[.., 0, 0].data<float>().ToArray()).ToList();
        order.Order().ShouldBe(Enumerable.Range(0, 7).Select(i => (float)i));
        again.SelectMany(a => a).ShouldBe(order);
        other.SelectMany(a => a).ShouldNotBe(order);
        data.Batches(3).SelectMany(b => b.Inputs[.., 0, 0].data<float>().ToArray()).ShouldBe(Enumerable.Range(0, 7).Select(i => (float)i));
    }

    [Fact]
    public void An_npz_archive_of_inputs_and_labels_loads_as_a_dataset()
    {
        string path = Path.Combine(folder, "toy.npz");
        NpyWriter.Npz(path,
            ("inputs", NpyWriter.Npy("<f4", [2, 1, 2], NpyWriter.Floats(1, 0, 0, 1))),
            ("labels", NpyWriter.Npy("<i8", [2], NpyWriter.Longs(1, 0))));

        using var data = Dataset.Load(path);

        data.Count.ShouldBe(2);
        data.Classes.ShouldBe(2);
        data.Inputs.IsIdenticalTo(tensor(new float[] { 1, 0, 0, 1 }).reshape(2, 1, 2)).ShouldBeTrue();
        data.Targets.data<long>().ToArray().ShouldBe([1L, 0L]);
        data.ToString().ShouldBe($"Dataset: 2 samples of (1, 2), 2 classes [{path}]");
    }

    [Fact]
    public void Two_npy_files_load_as_inputs_and_labels()
    {
        string inputs = Path.Combine(folder, "x.npy"), labels = Path.Combine(folder, "y.npy");
        File.WriteAllBytes(inputs, NpyWriter.Npy("<f4", [1, 2, 1], NpyWriter.Floats(0.5f, 1)));
        File.WriteAllBytes(labels, NpyWriter.Npy("<i8", [1], NpyWriter.Longs(3)));

        using var data = Dataset.Load(inputs, labels, classes: 5);

        data.Classes.ShouldBe(5);
        data.Sample(0).IsIdenticalTo(tensor(new float[] { 0.5f, 1 }).reshape(2, 1)).ShouldBeTrue();
    }

    [Fact]
    public void An_npz_archive_without_labels_names_what_it_holds()
    {
        string path = Path.Combine(folder, "nolabels.npz");
        NpyWriter.Npz(path, ("inputs", NpyWriter.Npy("<f4", [1, 1, 1], NpyWriter.Floats(1))));

        var error = Should.Throw<QatHostException>(() => Dataset.Load(path));

        error.Message.ShouldBe(
            $"{path}: no array for labels (N,) or targets (N, T, Cout); expected one named \"labels\" or \"targets\" or \"y\" or \"Y\". The archive holds: inputs.");
    }

    [Fact]
    public void A_negative_label_is_refused_naming_the_sample()
    {
        var error = Should.Throw<QatHostException>(() => Dataset.FromTensors(zeros(3, 2, 1), tensor(new long[] { 0, -1, 1 }), source: "toy"));

        error.Message.ShouldBe("toy: label -1 at sample 1 is negative; labels are class indices from 0.");
    }

    [Fact]
    public void Fractional_labels_are_refused()
    {
        var error = Should.Throw<QatHostException>(() => Dataset.FromTensors(zeros(2, 2, 1), tensor(new[] { 0.5f, 1f }), source: "toy"));

        error.Message.ShouldBe("toy: labels must be whole numbers (class indices); found Float32 values with fractions.");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(folder, "absent.npz");

        Should.Throw<QatHostException>(() => Dataset.Load(path)).Message.ShouldBe($"{path}: file not found.");
    }
}
