using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests;

/// <summary>Rounding behaviours beyond the goldens: QatHost's deliberate differences from Rockpool.</summary>
public class RoundingTests
{
    [Fact]
    public void Per_channel_rounding_leaves_its_input_untouched_and_passes_a_gradient_to_a_leaf()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var weight = randn([4, 3], generator: generator).requires_grad_();
        var before = weight.detach().clone();

        var output = Rounding.StochasticPerChannel((-7, 7), 15).Forward(weight, Contexts.Training(generator: generator));
        output.sum().backward();

        Floats.Of(weight).ShouldBe(Floats.Of(before));
        weight.grad.ShouldNotBeNull();
        weight.grad!.abs().sum().item<float>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Per_channel_rounding_returns_an_all_zero_column_unchanged_and_rounds_the_others()
    {
        using var scope = NewDisposeScope();
        var weight = Floats.Tensor([0f, 0.5f, 0f, -1f], 2, 2);

        var output = Rounding.StochasticPerChannel((-1, 1), 3).Forward(weight, Contexts.Training(generator: new Generator(1)));

        Floats.Of(output).ShouldBe([0f, 1f, 0f, -1f]);
    }

    [Fact]
    public void Stochastic_rounding_of_an_all_zero_tensor_returns_it_and_still_draws_once()
    {
        using var scope = NewDisposeScope();
        var drawing = new Generator(5);
        var reference = new Generator(5);

        var output = Rounding.Stochastic().Forward(zeros(3), Contexts.Training(generator: drawing));
        rand([3], generator: reference);

        Floats.Of(output).ShouldBe([0f, 0f, 0f]);
        Floats.Of(rand([2], generator: drawing)).ShouldBe(Floats.Of(rand([2], generator: reference)));
    }

    [Fact]
    public void Deterministic_rounding_without_maintain_zero_returns_a_constant_tensor_unchanged()
    {
        using var scope = NewDisposeScope();
        var x = full(4, 0.7f).requires_grad_();

        var output = Rounding.Deterministic(16, maintainZero: false).Forward(x, Contexts.Training());
        output.sum().backward();

        Floats.Of(output).ShouldBe([0.7f, 0.7f, 0.7f, 0.7f]);
        Floats.Of(x.grad!).ShouldBe([1f, 1f, 1f, 1f]);
    }

    [Fact]
    public void Stochastic_rounding_works_on_a_scalar_parameter()
    {
        using var scope = NewDisposeScope();
        var tau = tensor(0.02f);

        var output = Rounding.Stochastic(16, inputRange: (0, 0.1), outputRange: (0, 15))
            .Forward(tau, Contexts.Training(generator: new Generator(2)));

        output.shape.ShouldBeEmpty();
        output.item<float>().ShouldBeOneOf(2f, 3f);
    }

    [Fact]
    public void The_same_generator_seed_gives_the_same_draws()
    {
        using var scope = NewDisposeScope();
        var x = randn([50], generator: new Generator(4));
        var transform = Rounding.Stochastic(4);

        var first = transform.Forward(x, Contexts.Training(generator: new Generator(99)));
        var second = transform.Forward(x, Contexts.Training(generator: new Generator(99)));

        Floats.Of(first).ShouldBe(Floats.Of(second));
    }

    [Theory]
    [InlineData(16, null, null, true, "Rounding.Stochastic(levels: 16)")]
    [InlineData(256, null, -7.0, true, "Rounding.Stochastic(outputRange: (-7, 8))")]
    [InlineData(256, null, null, false, "Rounding.Stochastic(maintainZero: false)")]
    [InlineData(256, 1.0, null, true, "Rounding.Stochastic(inputRange: (-1, 1))")]
    public void A_rounding_transform_prints_as_the_call_that_made_it(int levels, double? input, double? output, bool zero, string text)
    {
        var transform = Rounding.Stochastic(levels, input is { } i ? (-i, i) : null, output is { } o ? (o, 8) : null, zero);

        transform.ToString().ShouldBe(text);
    }
}
