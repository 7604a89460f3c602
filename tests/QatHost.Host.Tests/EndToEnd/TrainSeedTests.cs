using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>Issue 12.20: <c>--seed N</c> is the default seed of <c>Train</c>, the summary prints the seed used, and a
/// run with the same <c>--seed</c> repeats exactly (initialisation included).</summary>
public class TrainSeedTests
{
    private const string Script = """
        var data = Tasks.FrozenNoise(classes: 2, channels: 4, steps: 10, samples: 16, seed: 1);
        var net = Sequential(LinearTorch(4, 2), LIFTorch(2));
        var run = Train(net, data, epochs: 2, batchSize: 8);
        Print(run.Summary().Split('\n')[0]);
        Print(Evaluate(net, data).Loss.ToString("R"));
        """;

    private static CliResult Run(params string[] options)
    {
        string folder = TemporaryFolder.Create("seed");
        File.WriteAllText(Path.Combine(folder, "train.csx"), Script);
        return QatHostProcess.Run([.. options, "run", "train.csx"], workingDirectory: folder);
    }

    [Fact]
    public void The_seed_option_is_trains_default_seed_and_the_summary_prints_it()
    {
        var result = Run("--seed", "7");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines[0].ShouldBe("Adam(lr: 0.001), Loss.SpikeCount, seed 7");
    }

    [Fact]
    public void Without_the_seed_option_train_uses_seed_0()
    {
        var result = Run();

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines[0].ShouldBe("Adam(lr: 0.001), Loss.SpikeCount, seed 0");
    }

    [Fact]
    public void Two_runs_with_the_same_seed_option_train_to_the_same_loss()
    {
        var first = Run("--seed", "3");
        var second = Run("--seed", "3");

        first.ExitCode.ShouldBe(0, first.ToString());
        second.Output.ShouldBe(first.Output);
    }
}
