using QatHost.Sdk.Engine;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>Module semantics from spec sections 1-4 that the goldens do not cover directly.</summary>
public class ModuleBehaviourTests
{
    [Fact]
    public void The_seed_network_prints_exactly_as_rockpool_prints_it()
    {
        var net = Sequential(LinearTorch(3, 5), LIFTorch(5), Residual(LinearTorch(5, 5), LIFTorch(5, hasRec: true)),
            LinearTorch(5, 3), LIFTorch(3, leakMode: LeakMode.Bitshifts));

        net.ToString().ShouldBe(
            "TorchSequential  with shape (3, 3) {\n" +
            "    LinearTorch '0_LinearTorch' with shape (3, 5)\n" +
            "    LIFTorch '1_LIFTorch' with shape (5, 5)\n" +
            "    TorchResidual '2_TorchResidual' with shape (5, 5) {\n" +
            "        LinearTorch '0_LinearTorch' with shape (5, 5)\n" +
            "        LIFTorch '1_LIFTorch' with shape (5, 5)\n" +
            "    }\n" +
            "    LinearTorch '3_LinearTorch' with shape (5, 3)\n" +
            "    LIFTorch '4_LIFTorch' with shape (3, 3)\n" +
            "}");
    }

    [Fact]
    public void Parameters_by_family_omit_modules_without_that_family()
    {
        var net = Sequential(LinearTorch(3, 5), LIFTorch(5), LinearTorch(5, 2), LIFTorch(2, hasRec: true));

        var weights = net.Parameters("weights");

        weights.Leaves().Select(l => l.Path).ShouldBe(["0_LinearTorch/weight", "2_LinearTorch/weight", "3_LIFTorch/w_rec"]);
        net.Parameters().Keys.ShouldBe(["0_LinearTorch", "1_LIFTorch", "2_LinearTorch", "3_LIFTorch"]);
        net.Parameters("biases").IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Two_dimensional_input_gets_a_batch_of_one_and_state_carries_over_until_reset()
    {
        var lif = LIFTorch(2, tauMem: 0.05);

        var first = lif.Evolve(full(20, 2, 0.3f));
        var carried = lif.State()["vmem"].clone();
        lif.ResetState();

        first.Output.shape.ShouldBe([1L, 20L, 2L]);
        carried.abs().sum().item<float>().ShouldBeGreaterThan(0f);
        lif.State()["vmem"].abs().sum().item<float>().ShouldBe(0f);
    }

    [Fact]
    public void Sequential_records_each_output_even_without_record()
    {
        var net = Sequential(LinearTorch(2, 3), LIFTorch(3));

        var (_, state, record) = net.Evolve(ones(1, 4, 2));

        record.Keys.ShouldBe(["0_LinearTorch", "0_LinearTorch_output", "1_LIFTorch", "1_LIFTorch_output"]);
        record.Subtree("1_LIFTorch").IsEmpty.ShouldBeTrue();
        state.Subtree("1_LIFTorch").Keys.ShouldBe(["vmem", "isyn", "spikes"]);
    }
}
