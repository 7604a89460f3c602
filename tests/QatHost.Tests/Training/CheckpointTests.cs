using QatHost.Sdk;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Training;
using static QatHost.Sdk.Dsl.Builders;
using static QatHost.Sdk.Training.Trainer;
using static TorchSharp.torch;

namespace QatHost.Tests.Training;

/// <summary>Checkpoints hold what resuming needs, are written whole, and refuse another structure. Runs alone:
/// the resume comparison needs torch's global generator to itself.</summary>
[Collection(nameof(SerialCollection))]
public sealed class CheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-ckpt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static QatHost.Sdk.Engine.Sequential QatNetwork()
    {
        var net = TrainerTests.TinyNetwork();
        net.Module("0").Param("weights").Apply(TestTransforms.Stochastic(levels: 16));
        net.Module("2").Param("weights").Apply(TestTransforms.LearnedScale());
        return net;
    }

    [Fact]
    public void A_resumed_run_ends_bitwise_equal_to_an_uninterrupted_run_with_the_same_seed()
    {
        using var data = TrainerTests.TinyTask(samples: 24);
        string whole = Path.Combine(folder, "whole.ckpt"), parts = Path.Combine(folder, "parts.ckpt");
        var uninterrupted = QatNetwork();
        var full = Train(uninterrupted, data, epochs: 4, optimizer: Adam(lr: 1e-2), batchSize: 8, seed: 5, families: ["weights"], checkpoint: whole);

        Train(QatNetwork(), data, epochs: 2, optimizer: Adam(lr: 1e-2), batchSize: 8, seed: 5, families: ["weights"], checkpoint: parts);
        var resumedNet = QatNetwork();
        var resumed = Train(resumedNet, data, epochs: 4, optimizer: Adam(lr: 1e-2), batchSize: 8, seed: 5, families: ["weights"], checkpoint: parts, resume: true);

        resumed.ResumedAfter.ShouldBe(2);
        resumed.History.Select(r => r.Loss).ShouldBe(full.History.Select(r => r.Loss));
        resumedNet.TrainingStep.ShouldBe(uninterrupted.TrainingStep);
        var expected = uninterrupted.TrainableParameters().ToList();
        var actual = resumedNet.TrainableParameters().ToList();
        actual.Count.ShouldBe(expected.Count);
        for (int i = 0; i < expected.Count; i++) actual[i].IsIdenticalTo(expected[i]).ShouldBeTrue($"trainable tensor {i}");
    }

    [Fact]
    public void Resuming_without_a_checkpoint_file_starts_afresh_and_writes_one()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        string path = Path.Combine(folder, "new.ckpt");

        var run = Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 8, checkpoint: path, resume: true);

        run.ResumedAfter.ShouldBeNull();
        File.Exists(path).ShouldBeTrue();
        Directory.GetFiles(folder).ShouldBe([path]);
    }

    [Fact]
    public void A_saved_network_with_transforms_loads_into_a_fresh_one_of_the_same_structure()
    {
        var saved = QatNetwork();
        using (no_grad()) saved.TrainableParameters().Last().fill_(2.5f);
        string path = Path.Combine(folder, "net.ckpt");
        Checkpoint.Save(saved, path);
        manual_seed(99);
        var fresh = QatNetwork();

        Checkpoint.Load(fresh, path);

        fresh.TrainableParameters().Zip(saved.TrainableParameters()).ShouldAllBe(p => p.First.IsIdenticalTo(p.Second));
    }

    [Fact]
    public void A_checkpoint_from_another_structure_is_refused_naming_the_file_and_the_first_difference()
    {
        string path = Path.Combine(folder, "other.ckpt");
        Checkpoint.Save(TrainerTests.TinyNetwork(hidden: 12), path);
        var net = TrainerTests.TinyNetwork(hidden: 16);
        var before = net.TrainableParameters().Select(p => p.clone()).ToList();

        var error = Should.Throw<QatHostException>(() => Checkpoint.Load(net, path));

        error.Message.ShouldBe(
            $"{path}: the checkpoint is from another network structure: it holds \"0_LinearTorch/weight\" with shape (8, 12), " +
            "this network's has shape (8, 16) (10 tensors in the checkpoint, 10 in this network).");
        net.TrainableParameters().Zip(before).ShouldAllBe(p => p.First.IsIdenticalTo(p.Second));
    }

    [Fact]
    public void Resuming_a_network_with_an_extra_transform_names_the_tensor_the_checkpoint_lacks()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        string path = Path.Combine(folder, "plain.ckpt");
        Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 8, checkpoint: path);

        var error = Should.Throw<QatHostException>(() =>
            Train(QatNetwork(), data, epochs: 2, batchSize: 8, checkpoint: path, resume: true));

        error.Message.ShouldBe(
            $"{path}: the checkpoint is from another network structure: this network's " +
            "\"2_LinearTorch/weight: Test.LearnedScale() #0\" is not in it (10 tensors in the checkpoint, 11 in this network).");
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_refused_by_name()
    {
        string path = Path.Combine(folder, "notes.ckpt");
        File.WriteAllText(path, "not a zip");

        var error = Should.Throw<QatHostException>(() => Checkpoint.Load(TrainerTests.TinyNetwork(), path));

        error.Message.ShouldStartWith($"{path}: the checkpoint is damaged or not a checkpoint: ");
    }

    [Fact]
    public void A_checkpoint_that_cannot_be_written_leaves_no_file_behind()
    {
        string path = Path.Combine(folder, "missing", "run.ckpt");

        var error = Should.Throw<QatHostException>(() => Checkpoint.Save(TrainerTests.TinyNetwork(), path));

        error.Message.ShouldBe($"{path}: folder \"{Path.Combine(folder, "missing")}\" does not exist.");
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}
