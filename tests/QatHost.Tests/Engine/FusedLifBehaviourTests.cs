using QatHost.Sdk.Engine;
using QatHost.Tests.Oracle;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>How the kernel switch behaves, and the fused kernel on layers large enough to run its batch loop
/// on several threads.</summary>
public class FusedLifBehaviourTests
{
    [Fact]
    public void New_layers_choose_the_kernel_by_shape_and_copies_keep_the_choice()
    {
        using var layer = new LIFTorch(4);
        layer.Kernel.ShouldBe(LifKernel.Auto);

        layer.Kernel = LifKernel.Reference;
        using var copy = (LIFTorch)layer.Copy();

        copy.Kernel.ShouldBe(LifKernel.Reference);
    }

    [Theory]
    [InlineData(0, LifKernel.Reference)]
    [InlineData(1, LifKernel.Fused)]
    [InlineData(2, LifKernel.Fused)]
    [InlineData(28, LifKernel.Fused)]
    public void Auto_runs_the_fused_kernel_for_every_non_empty_evolution(int steps, LifKernel expected)
    {
        LIFTorch.ChooseKernel(steps).ShouldBe(expected);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Auto_gives_the_reference_kernels_spikes_and_gradients(int steps)
    {
        using var scope = NewDisposeScope();
        var config = LifConfiguration.Random(9) with { Recurrent = true, NoiseStd = 0, Steps = steps };
        var (input, weights) = config.Drive(3);
        using var auto = config.Build(LifKernel.Auto);
        using var reference = config.Build(LifKernel.Reference);

        var (a, aGrads) = OutputAndGradients(auto, input, weights[0]);
        var (r, rGrads) = OutputAndGradients(reference, input, weights[0]);

        OracleAssert.Exact("spikes", a, r);
        for (int k = 0; k < rGrads.Count; k++)
            OracleAssert.Close($"gradient {k}", aGrads[k], rGrads[k], 1e-4, 1e-4);
    }

    [Fact]
    public void Inference_without_a_graph_gives_the_training_forward_pass_output()
    {
        using var scope = NewDisposeScope();
        var config = LifConfiguration.Random(5) with { Recurrent = true, NoiseStd = 0 };
        var (input, _) = config.Drive(1);
        using var training = config.Build(LifKernel.Fused);
        using var inference = config.Build(LifKernel.Fused);

        var withGraph = training.Evolve(input).Output;
        Tensor withoutGraph;
        using (no_grad()) withoutGraph = inference.Evolve(input).Output;

        withGraph.requires_grad.ShouldBeTrue();
        withoutGraph.requires_grad.ShouldBeFalse();
        OracleAssert.Exact("output", withoutGraph, withGraph);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public void Fused_kernel_matches_the_reference_on_a_layer_large_enough_to_share_between_threads(bool recurrent, int synapses)
    {
        using var scope = NewDisposeScope();
        var config = new LifConfiguration(11, Batches: 6, Steps: 60, Neurons: 150, Synapses: synapses, LeakMode.Taus,
            SpikeGeneration.StepPWL, recurrent, MaxSpikes: 65536, Window: 0.5, NoiseStd: 0, ScalarParameters: false);
        var (input, weights) = config.Drive(2);
        using var fused = config.Build(LifKernel.Fused);
        using var reference = config.Build(LifKernel.Reference);

        var (f, fGrads) = OutputAndGradients(fused, input, weights[0]);
        var (r, rGrads) = OutputAndGradients(reference, input, weights[0]);

        OracleAssert.Exact("spikes", f, r);
        for (int k = 0; k < rGrads.Count; k++)
            OracleAssert.Close($"gradient {k}", fGrads[k], rGrads[k], 1e-4, 1e-4);
    }

    private static (Tensor Output, List<Tensor> Gradients) OutputAndGradients(LIFTorch layer, Tensor input, Tensor weights)
    {
        var x = input.detach().clone().requires_grad_(true);
        var output = layer.Evolve(x).Output;
        (output * weights).sum().backward();
        return (output.detach(), [x.grad!, .. layer.TrainableParameters().Select(p => p.grad!)]);
    }
}
