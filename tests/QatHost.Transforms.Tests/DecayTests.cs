using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests;

/// <summary>Decay.ToBitshift (Rockpool t_decay): the docstring's examples and the explicitly defined edge cases.</summary>
public class DecayTests
{
    [Fact]
    public void Decays_round_to_one_minus_a_power_of_two_as_in_rockpools_docstring()
    {
        using var scope = NewDisposeScope();
        var decays = Floats.Tensor([0.8f, 0.6f, 0.4156f]);

        var output = Decay.ToBitshift().Forward(decays, Contexts.Training());

        Floats.Of(output).ShouldBe([0.75f, 0.5f, 0f]);
    }

    [Fact]
    public void A_decay_of_zero_or_below_of_exactly_one_or_above_one_gives_zero_as_in_rockpool()
    {
        using var scope = NewDisposeScope();
        var decays = Floats.Tensor([0f, -0.5f, 1f, 1.2f, 1e-6f]);

        var output = Decay.ToBitshift().Forward(decays, Contexts.Training());

        Floats.Of(output).ShouldBe([0f, 0f, 0f, 0f, 0f]);
    }

    [Fact]
    public void The_largest_float32_decay_below_one_keeps_its_value_with_a_shift_of_24()
    {
        using var scope = NewDisposeScope();
        float largest = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(1f) - 1);

        var output = Decay.ToBitshift().Forward(Floats.Tensor([largest]), Contexts.Training());

        output.item<float>().ShouldBe(1f - 1f / (1 << 24));
    }

    [Fact]
    public void The_gradient_passes_straight_through_even_at_the_edges()
    {
        using var scope = NewDisposeScope();
        var decays = Floats.Tensor([0f, 0.5f, 0.9f, 1f, 1.5f]).requires_grad_();
        var r = Floats.Tensor([1f, 2f, 3f, 4f, 5f]);

        (Decay.ToBitshift().Forward(decays, Contexts.Training()) * r).sum().backward();

        Floats.Of(decays.grad!).ShouldBe(Floats.Of(r));
    }
}
