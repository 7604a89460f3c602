using QatHost.Sdk;
using QatHost.Sdk.Transforms;
using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests;

/// <summary>Rounding.DeterministicPerChannel: each column rounded on its own ±max grid, kept in its scale.</summary>
public class DeterministicPerChannelTests
{
    [Fact]
    public void Each_column_is_rounded_to_the_nearest_of_its_own_levels()
    {
        using var scope = NewDisposeScope();
        // Column 0 has max|x| = 1 (3 levels: -1, 0, 1); column 1 has max|x| = 0.1 (levels -0.1, 0, 0.1).
        var weight = Floats.Tensor([0.4f, 0.04f, 0.6f, 0.06f, -1f, -0.1f], 3, 2);

        var output = Rounding.DeterministicPerChannel(levels: 3).Forward(weight, Contexts.Training());

        Floats.Of(output).ShouldBe([0f, 0f, 1f, 0.1f, -1f, -0.1f], tolerance: 1e-6f);
    }

    [Fact]
    public void A_per_tensor_grid_would_flatten_the_small_column_which_per_channel_keeps()
    {
        using var scope = NewDisposeScope();
        var weight = Floats.Tensor([1f, 0.05f, -0.5f, -0.02f], 2, 2);

        var perTensor = Rounding.Deterministic(levels: 7).Forward(weight, Contexts.Training());
        var perChannel = Rounding.DeterministicPerChannel(levels: 7).Forward(weight, Contexts.Training());

        Floats.Of(perTensor.select(1, 1)).ShouldBe([0f, 0f]);
        Floats.Of(perChannel.select(1, 1)).ShouldBe([0.05f, -0.016666668f], tolerance: 1e-6f);
    }

    [Fact]
    public void The_gradient_is_straight_through_and_an_all_zero_column_stays_zero()
    {
        using var scope = NewDisposeScope();
        var weight = Floats.Tensor([0.3f, 0f, -0.7f, 0f], 2, 2).requires_grad_();

        var output = Rounding.DeterministicPerChannel(levels: 5).Forward(weight, Contexts.Training());
        (output * Floats.Tensor([1f, 2f, 3f, 4f], 2, 2)).sum().backward();

        Floats.Of(output.select(1, 1)).ShouldBe([0f, 0f]);
        weight.grad.ShouldNotBeNull();
        // Straight through for the rounding; column 0's extreme element (-0.7) also carries the range gradient.
        Floats.Of(weight.grad!.select(1, 1)).ShouldBe([2f, 4f]);
        weight.grad![0, 0].item<float>().ShouldBe(1f, 1e-6f);
    }

    /// <summary>Weight decay can shrink a dead neuron's inputs to about 1e-28 (the MNIST study, seed 2): rounded on
    /// their own grid, the range gradient divides by a step of about 1e-30 and overflowed float32.</summary>
    [Fact]
    public void A_column_below_float32_resolution_of_the_largest_is_left_unchanged_with_a_finite_gradient()
    {
        using var scope = NewDisposeScope();
        var weight = Floats.Tensor([0.3f, 2e-28f, -0.7f, -1.5e-28f, 0.1f, 1e-28f], 3, 2).requires_grad_();

        var output = Rounding.DeterministicPerChannel(levels: 255).Forward(weight, Contexts.Training());
        (output * Floats.Tensor([1f, 2f, 3f, 4f, 5f, 6f], 3, 2)).sum().backward();

        Floats.Of(output.select(1, 1)).ShouldBe([2e-28f, -1.5e-28f, 1e-28f]);
        Floats.Of(weight.grad!).ShouldAllBe(g => float.IsFinite(g));
        Floats.Of(weight.grad!.select(1, 1)).ShouldBe([2f, 4f, 6f]);
    }

    [Fact]
    public void It_needs_a_two_dimensional_weight_and_at_least_two_levels()
    {
        using var scope = NewDisposeScope();

        Should.Throw<TransformArgumentException>(() => Rounding.DeterministicPerChannel(levels: 1))
            .Message.ShouldStartWith("Rounding.DeterministicPerChannel: levels = 1");
        Should.Throw<QatHostException>(() => Rounding.DeterministicPerChannel().Forward(zeros(3), Contexts.Training()))
            .Message.ShouldContain("needs a 2-D (Nin, Nout) weight");
        Rounding.DeterministicPerChannel(levels: 15).Description.ShouldBe("Rounding.DeterministicPerChannel(levels: 15)");
    }
}
