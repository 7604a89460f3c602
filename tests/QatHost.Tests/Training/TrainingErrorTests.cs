using QatHost.Sdk;
using QatHost.Sdk.Data;
using QatHost.Sdk.Training;
using static QatHost.Sdk.Dsl.Builders;
using static QatHost.Sdk.Training.Trainer;
using static TorchSharp.torch;

namespace QatHost.Tests.Training;

/// <summary>Bad input stops training before it starts (or at the batch at fault) with a message naming it.</summary>
public sealed class TrainingErrorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-train-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Dataset Labelled(long channels, params long[] labels) =>
        Dataset.FromTensors(zeros(labels.Length, 5, channels), tensor(labels), source: "toy");

    [Fact]
    public void A_label_beyond_the_network_outputs_names_the_label_the_sample_and_the_range()
    {
        using var data = Labelled(8, 0, 1, 2, 1);

        var error = Should.Throw<QatHostException>(() => Train(TrainerTests.TinyNetwork(classes: 2), data, epochs: 1));

        error.Message.ShouldBe("toy: label 2 at sample 2 is out of range: the network has 2 outputs, so labels must be 0 to 1.");
    }

    [Fact]
    public void A_dataset_with_another_channel_count_names_both_counts()
    {
        using var data = Labelled(3, 0, 1);

        var error = Should.Throw<QatHostException>(() => Train(TrainerTests.TinyNetwork(channels: 8), data, epochs: 1));

        error.Message.ShouldBe("toy: the samples have 3 channels but the network takes 8 (TorchSequential with shape (8, 2)).");
    }

    [Fact]
    public void An_empty_dataset_is_refused_when_it_is_made()
    {
        var error = Should.Throw<QatHostException>(() => Dataset.FromTensors(zeros(0, 5, 8), zeros(0, ScalarType.Int64), source: "toy"));

        error.Message.ShouldBe("toy: the dataset is empty (inputs have shape (0, 5, 8)).");
    }

    [Fact]
    public void A_learning_rate_that_blows_up_the_parameters_names_the_epoch_the_batch_and_the_parameter()
    {
        using var data = TrainerTests.TinyTask(samples: 16);
        string path = Path.Combine(folder, "run.ckpt");

        var error = Should.Throw<TrainingStoppedException>(() =>
            Train(TrainerTests.TinyNetwork(), data, epochs: 3, optimizer: Sgd(lr: 1e38), batchSize: 8, checkpoint: path));

        error.Message.ShouldBe(
            "training stopped at epoch 1, batch 1 of 2: parameter \"0_LinearTorch/weight\" (family \"weights\") became NaN or " +
            "infinite after the optimizer step (Sgd(lr: 1E+38)); lower the learning rate. The step was undone: the network keeps " +
            "its last finite parameters, from before this batch.");
        error.Parameter.ShouldBe("0_LinearTorch/weight");
        Directory.GetFiles(folder).ShouldBeEmpty();
    }

    [Fact]
    public void A_family_the_network_lacks_is_refused_by_name()
    {
        using var data = TrainerTests.TinyTask(samples: 8);

        var error = Should.Throw<QatHostException>(() => Train(TrainerTests.TinyNetwork(), data, families: ["weight"]));

        error.Message.ShouldBe("Train: the network has no parameter family \"weight\"; it has weights, taus, bias, thresholds.");
    }

    [Fact]
    public void Resuming_with_another_optimizer_is_refused_and_the_checkpoint_stays()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        string path = Path.Combine(folder, "run.ckpt");
        Train(TrainerTests.TinyNetwork(), data, epochs: 1, optimizer: Adam(lr: 1e-3), batchSize: 8, checkpoint: path);
        var written = File.ReadAllBytes(path);

        var error = Should.Throw<QatHostException>(() =>
            Train(TrainerTests.TinyNetwork(), data, epochs: 2, optimizer: Sgd(lr: 0.1), batchSize: 8, checkpoint: path, resume: true));

        error.Message.ShouldBe($"{path}: the checkpoint was trained with Adam(lr: 0.001); this run uses Sgd(lr: 0.1). Use the same optimizer to resume.");
        File.ReadAllBytes(path).ShouldBe(written);
    }

    [Fact]
    public void A_loss_for_labels_on_target_traces_says_which_loss_fits()
    {
        using var data = Tasks.LeakyIntegrator(channels: 8, steps: 5, samples: 4);

        var error = Should.Throw<QatHostException>(() => Train(TrainerTests.TinyNetwork(classes: 1), data, loss: Loss.SpikeCount));

        error.Message.ShouldBe(
            "Tasks.LeakyIntegrator(channels: 8, steps: 5, seed: 0): Loss.SpikeCount needs class labels (N,) but the dataset holds target traces; use Loss.TargetTrace.");
    }

    [Fact]
    public void A_zero_learning_rate_is_refused_where_the_optimizer_is_made()
    {
        var error = Should.Throw<QatHostException>(() => Adam(lr: 0));

        error.Message.ShouldBe("Adam: lr = 0 must be positive and finite.");
    }
}
