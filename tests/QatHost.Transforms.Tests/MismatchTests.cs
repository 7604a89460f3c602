using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests;

/// <summary>Multiplicative Gaussian mismatch, <c>p + p · N(0, (percent / sigmaRule)²)</c>.</summary>
public class MismatchTests
{
    [Fact]
    public void Mismatch_deviates_each_value_by_the_configured_relative_spread()
    {
        using var scope = NewDisposeScope();
        var p = full(20000, 2.0f);

        var output = Mismatch.Gaussian(0.30, 3.0).Forward(p, Contexts.Training(generator: new Generator(1)));

        var relative = (output - p) / p;
        relative.mean().item<float>().ShouldBe(0f, 0.005f);
        relative.std().item<float>().ShouldBe(0.1f, 0.005f);
        (relative.abs() > 0.3f).to_type(ScalarType.Float32).mean().item<float>().ShouldBeLessThan(0.01f);
    }

    [Fact]
    public void Mismatch_is_the_identity_when_not_training()
    {
        using var scope = NewDisposeScope();
        var p = randn([10], generator: new Generator(2));

        var output = Mismatch.Gaussian().Forward(p, Contexts.Evaluation(generator: new Generator(3)));

        Floats.Of(output).ShouldBe(Floats.Of(p));
    }

    [Fact]
    public void Mismatch_draws_afresh_on_every_call_and_repeats_with_the_same_seed()
    {
        using var scope = NewDisposeScope();
        var p = ones(8);
        var transform = Mismatch.Gaussian();
        var generator = new Generator(4);

        var first = Floats.Of(transform.Forward(p, Contexts.Training(generator: generator)));
        var second = Floats.Of(transform.Forward(p, Contexts.Training(generator: generator)));
        var repeated = Floats.Of(transform.Forward(p, Contexts.Training(generator: new Generator(4))));

        second.ShouldNotBe(first);
        repeated.ShouldBe(first);
    }

    [Fact]
    public void The_gradient_of_mismatch_is_one_plus_the_drawn_relative_deviation()
    {
        using var scope = NewDisposeScope();
        var p = full(6, 3.0f).requires_grad_();

        var output = Mismatch.Gaussian().Forward(p, Contexts.Training(generator: new Generator(5)));
        output.sum().backward();

        Floats.Of(p.grad!).Zip(Floats.Of(output / 3.0f)).ShouldAllBe(g => Math.Abs(g.First - g.Second) < 1e-6);
    }

    [Fact]
    public void Zero_percent_deviation_leaves_the_values_unchanged()
    {
        using var scope = NewDisposeScope();
        var p = randn([10], generator: new Generator(6));

        var output = Mismatch.Gaussian(percentDeviation: 0).Forward(p, Contexts.Training(generator: new Generator(7)));

        Floats.Of(output).ShouldBe(Floats.Of(p));
    }
}
