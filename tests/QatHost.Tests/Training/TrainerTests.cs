using QatHost.Sdk.Data;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Training;
using static QatHost.Sdk.Dsl.Builders;
using static QatHost.Sdk.Training.Trainer;
using static TorchSharp.torch;

namespace QatHost.Tests.Training;

/// <summary>Training converges, evaluates and moves what it should. Runs alone: the repeatability test needs
/// torch's global generator to itself.</summary>
[Collection(nameof(SerialCollection))]
public class TrainerTests
{
    internal static Sequential TinyNetwork(int channels = 8, int hidden = 16, int classes = 2, long seed = 1)
    {
        manual_seed(seed);
        return Sequential(LinearTorch(channels, hidden), LIFTorch(hidden, tauMem: 20e-3, tauSyn: 10e-3),
            LinearTorch(hidden, classes), LIFTorch(classes, tauMem: 20e-3, tauSyn: 10e-3));
    }

    internal static Dataset TinyTask(int samples = 64, double difficulty = 0.3, long seed = 1) =>
        Tasks.FrozenNoise(classes: 2, channels: 8, steps: 30, samples: samples, rate: 100, difficulty: difficulty, seed: seed);

    [Fact]
    public void The_loss_falls_below_a_threshold_on_a_tiny_task_in_a_fixed_number_of_epochs()
    {
        using var data = TinyTask();
        var net = TinyNetwork();

        var run = Train(net, data, epochs: 8, optimizer: Adam(lr: 1e-2), batchSize: 16, seed: 1, families: ["weights"]);

        run.History.Count.ShouldBe(8);
        run.Last.Loss.ShouldBeLessThan(1.0);
        run.Last.Loss.ShouldBeLessThan(run.History[0].Loss / 5);
        Evaluate(net, data).Accuracy.ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_identical_parameters()
    {
        using var data = TinyTask(samples: 32);
        var first = TinyNetwork();
        var second = TinyNetwork();

        Train(first, data, epochs: 2, optimizer: Adam(lr: 1e-2), batchSize: 8, seed: 3, families: ["weights"]);
        Train(second, data, epochs: 2, optimizer: Adam(lr: 1e-2), batchSize: 8, seed: 3, families: ["weights"]);

        foreach (var (path, value) in first.Parameters().Leaves())
            second.Parameters()[path].IsIdenticalTo(value).ShouldBeTrue(path);
    }

    [Fact]
    public void Only_the_chosen_families_change_and_the_training_step_counts_optimizer_steps()
    {
        using var data = TinyTask(samples: 32);
        var net = TinyNetwork();
        var thresholds = net.Parameters("thresholds").Leaves().Select(l => l.Leaf.clone()).ToList();
        var weights = net.Parameters("weights").Leaves().Select(l => l.Leaf.clone()).ToList();

        Train(net, data, epochs: 2, optimizer: Sgd(lr: 0.05), batchSize: 8, families: ["weights"]);

        net.Parameters("thresholds").Leaves().Select(l => l.Leaf).Zip(thresholds).ShouldAllBe(p => p.First.IsIdenticalTo(p.Second));
        net.Parameters("weights").Leaves().Select(l => l.Leaf).Zip(weights).ShouldAllBe(p => !p.First.IsIdenticalTo(p.Second));
        net.TrainingStep.ShouldBe(8);
        net.Training.ShouldBeTrue();
    }

    [Fact]
    public void Gradients_reach_raw_weights_through_rounding_and_the_trainable_state_of_transforms()
    {
        using var data = TinyTask(samples: 32);
        var net = TinyNetwork();
        net.Module("0").Param("weights").Apply(TestTransforms.Deterministic(levels: 16));
        net.Module("2").Param("weights").Apply(TestTransforms.LearnedScale());
        var raw = net.Module("0").Parameters()["_mod/weight"].clone();

        Train(net, data, epochs: 1, optimizer: Adam(lr: 1e-2), batchSize: 8, families: ["weights"]);

        net.Module("0").Parameters()["_mod/weight"].IsIdenticalTo(raw).ShouldBeFalse();
        net.TrainableParameters().Last().item<float>().ShouldNotBe(1f);
    }

    [Fact]
    public void Evaluate_measures_in_evaluation_mode_and_restores_the_mode()
    {
        using var data = TinyTask(samples: 20);
        var net = TinyNetwork();
        net.SetTraining(true);

        var result = Evaluate(net, data, loss: Loss.SpikeCount, batchSize: 7);

        result.Samples.ShouldBe(20);
        result.Accuracy.ShouldBeInRange(0, 1);
        double.IsFinite(result.Loss).ShouldBeTrue();
        net.Training.ShouldBeTrue();
        result.ToString().ShouldMatch(@"^accuracy \d+\.\d %, loss \d+\.\d{4} over 20 samples$");
    }

    [Fact]
    public void A_target_trace_is_learned_with_the_mean_squared_error_loss()
    {
        using var data = Tasks.LeakyIntegrator(channels: 4, steps: 30, samples: 32, seed: 2);
        manual_seed(2);
        var net = Sequential(LinearTorch(4, 8), LIFTorch(8), LinearTorch(8, 1));

        var run = Train(net, data, epochs: 6, optimizer: Adam(lr: 1e-2), batchSize: 8, families: ["weights"]);

        run.Loss.ShouldBe("Loss.TargetTrace");
        run.Last.Loss.ShouldBeLessThan(run.History[0].Loss * 0.7);
        double.IsNaN(run.Last.Accuracy).ShouldBeTrue();
    }

    [Fact]
    public void A_linear_readout_learns_with_cross_entropy_on_the_maximum_over_time()
    {
        using var data = TinyTask();
        manual_seed(4);
        var net = Sequential(LinearTorch(8, 16), LIFTorch(16), LinearTorch(16, 2));

        var run = Train(net, data, epochs: 5, optimizer: Adam(lr: 1e-2), loss: Loss.MaxOverTime, batchSize: 16, families: ["weights"]);

        run.Last.Loss.ShouldBeLessThan(run.History[0].Loss);
        Evaluate(net, data, loss: Loss.MaxOverTime).Accuracy.ShouldBeGreaterThan(0.8);
    }
}
