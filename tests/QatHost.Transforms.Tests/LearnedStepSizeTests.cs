using QatHost.Transforms.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests;

/// <summary>Learned-step-size quantisation: a transform that owns a trainable parameter.</summary>
public class LearnedStepSizeTests
{
    [Fact]
    public void The_step_starts_at_twice_the_mean_magnitude_over_the_root_of_qp()
    {
        using var scope = NewDisposeScope();
        var w = randn([50], generator: new Generator(1));
        var transform = Quantise.LearnedStepSize(bits: 4);

        transform.Forward(w, Contexts.Training());

        var step = transform.TrainableParameters().ShouldHaveSingleItem();
        step.item<float>().ShouldBe(2 * w.abs().mean().item<float>() / MathF.Sqrt(7), 1e-6f);
    }

    [Fact]
    public void The_output_lies_on_the_integer_grid_of_the_step_within_minus_qn_to_qp()
    {
        using var scope = NewDisposeScope();
        var w = randn([200], generator: new Generator(2));
        var transform = Quantise.LearnedStepSize(bits: 3, initialStep: 0.25);

        var levels = Floats.Of(transform.Forward(w, Contexts.Training()) / 0.25f);

        levels.ShouldAllBe(v => Math.Abs(v - MathF.Round(v)) < 1e-5 && v >= -4 && v <= 3);
    }

    [Fact]
    public void The_step_receives_a_gradient_and_changes_under_an_optimizer_step()
    {
        using var scope = NewDisposeScope();
        var weight = new Parameter(randn([64], generator: new Generator(3)));
        var transform = Quantise.LearnedStepSize(bits: 4);
        var target = randn([64], generator: new Generator(4));
        transform.Forward(weight, Contexts.Training());
        var step = transform.TrainableParameters().Single();
        float before = step.item<float>();
        var optimizer = optim.SGD([weight, .. transform.TrainableParameters()], 0.01);

        var loss = (transform.Forward(weight, Contexts.Training()) - target).pow(2).sum();
        loss.backward();
        optimizer.step();

        step.grad.ShouldNotBeNull();
        step.grad!.item<float>().ShouldNotBe(0f);
        step.item<float>().ShouldNotBe(before);
    }

    [Fact]
    public void The_step_gradient_is_scaled_by_one_over_the_root_of_numel_times_qp()
    {
        using var scope = NewDisposeScope();
        // With x = 10 and step 1 on a 2-bit grid, x/s clamps at Qp = 1: d out / d s = Qp, scaled by g = 1/sqrt(4 · 1).
        var x = full(4, 10f);
        var transform = Quantise.LearnedStepSize(bits: 2, initialStep: 1.0);

        transform.Forward(x, Contexts.Training()).sum().backward();

        transform.TrainableParameters().Single().grad!.item<float>().ShouldBe(4 * 1 * 0.5f, 1e-6f);
    }

    [Fact]
    public void Each_tensor_gets_its_own_step()
    {
        using var scope = NewDisposeScope();
        var transform = Quantise.LearnedStepSize(bits: 8);

        transform.Forward(randn([10], generator: new Generator(5)), Contexts.Training(path: "0_LinearTorch"));
        transform.Forward(randn([10], generator: new Generator(6)) * 100, Contexts.Training(path: "2_LinearTorch"));
        transform.Forward(randn([10], generator: new Generator(5)), Contexts.Training(path: "0_LinearTorch"));

        var steps = transform.TrainableParameters().Select(s => s.item<float>()).ToArray();
        steps.Length.ShouldBe(2);
        steps[1].ShouldBeGreaterThan(steps[0] * 10);
    }
}
