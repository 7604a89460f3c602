using System.Diagnostics;
using QatHost.Sdk;
using QatHost.Sdk.Engine;
using QatHost.Tests.Training;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>Issue 12.13: a very long evolution is refused up front with its memory estimate instead of growing
/// until the machine runs out; a 10^6-step inference run stays far below 2 GB.</summary>
[Collection(nameof(SerialCollection))]
public class LongEvolutionTests
{
    [Fact]
    public void An_evolution_that_would_not_fit_in_memory_is_refused_with_the_estimate_before_allocating()
    {
        var net = Sequential(LinearTorch(3, 5), LIFTorch(5));
        var input = ones(1, 1, 3).expand(1, 10_000_000_000L, 3); // a view: no memory behind the 10^10 steps
        long before = Resident();

        var error = Should.Throw<QatHostException>(() => net.Evolve(input));

        error.Message.ShouldStartWith("TorchSequential: evolving 10000000000 time steps at once would need about ");
        error.Message.ShouldContain(" GB (");
        error.Message.ShouldEndWith(
            "is available. Evolve in chunks of fewer steps (the state carries over between Evolve calls), under " +
            "torch.no_grad() when no gradient is needed.");
        (Resident() - before).ShouldBeLessThan(500_000_000L);
    }

    [Fact]
    public void A_million_step_inference_run_stays_under_2_GB()
    {
        var net = Sequential(LinearTorch(3, 16), LIFTorch(16), LinearTorch(16, 2), LIFTorch(2));
        using var input = (rand(1, 1_000_000, 3) < 0.05).to_type(ScalarType.Float32);
        long before = Resident(), peak = before;

        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var output = net.Evolve(input).Output;
            peak = Resident();
            output.shape.ShouldBe([1L, 1_000_000L, 2L]);
        }

        (peak - before).ShouldBeLessThan(2_000_000_000L);
    }

    private static long Resident()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
