using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>Every example in scripts/ runs through the real CLI.</summary>
public class ScriptExamplesTests
{
    [Fact]
    public void Hello_builds_evolves_and_prints_the_network_and_output_shape()
    {
        var result = QatHostProcess.Run("run", "scripts/hello.csx");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldBe(
        [
            "TorchSequential  with shape (3, 2) {",
            "    LinearTorch '0_LinearTorch' with shape (3, 5)",
            "    LIFTorch '1_LIFTorch' with shape (5, 5)",
            "    LinearTorch '2_LinearTorch' with shape (5, 2)",
            "    LIFTorch '3_LIFTorch' with shape (2, 2)",
            "}",
            "output shape: 1 x 10 x 2",
        ]);
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public void Seed_network_prints_its_repr_output_and_record_tree()
    {
        var result = QatHostProcess.Run("--seed", "1", "run", "scripts/seed-network.csx");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.Take(10).ShouldBe(
        [
            "TorchSequential  with shape (3, 3) {",
            "    LinearTorch '0_LinearTorch' with shape (3, 5)",
            "    LIFTorch '1_LIFTorch' with shape (5, 5)",
            "    TorchResidual '2_TorchResidual' with shape (5, 5) {",
            "        LinearTorch '0_LinearTorch' with shape (5, 5)",
            "        LIFTorch '1_LIFTorch' with shape (5, 5)",
            "    }",
            "    LinearTorch '3_LinearTorch' with shape (5, 3)",
            "    LIFTorch '4_LIFTorch' with shape (3, 3)",
            "}",
        ]);
        result.OutputLines.ShouldContain("tensor float32 (1, 10, 3)");
        result.OutputLines.ShouldContain("    1_LIFTorch_output: float32 (1, 10, 5)");
        result.OutputLines.ShouldContain("        spikes: float32 (1, 10, 5)");
        result.OutputLines[^1].ShouldBe("4_LIFTorch_output: float32 (1, 10, 3)");
    }

    [Fact]
    public void The_same_seed_gives_the_same_output()
    {
        var first = QatHostProcess.Run("--seed", "7", "run", "scripts/seed-network.csx");
        var second = QatHostProcess.Run("--seed", "7", "run", "scripts/seed-network.csx");

        first.ExitCode.ShouldBe(0, first.ToString());
        second.Output.ShouldBe(first.Output);
    }
}
