using QatHost.Transforms.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests;

/// <summary>Magnitude pruning: exact sparsity, deterministic ties, masked gradients, structured and global scope,
/// gradual schedules, and a mask that holds under training.</summary>
public class PruningTests
{
    private static int Zeros(Tensor t) => Floats.Of(t).Count(v => v == 0);

    [Fact]
    public void Pruning_zeroes_exactly_the_requested_fraction_of_smallest_magnitudes()
    {
        using var scope = NewDisposeScope();
        var w = randn([10, 10], generator: new Generator(1));

        var output = Pruning.Magnitude(0.3).Forward(w, Contexts.Training());

        Zeros(output).ShouldBe(30);
        var magnitudes = Floats.Of(w.abs());
        float threshold = magnitudes.Order().ElementAt(30);
        Floats.Of(output).Zip(magnitudes).ShouldAllBe(p => (p.First == 0) == (p.Second < threshold));
    }

    [Fact]
    public void Equal_magnitudes_are_pruned_in_index_order()
    {
        using var scope = NewDisposeScope();
        var w = Floats.Tensor([0.5f, -0.1f, 0.1f, 0.1f, -0.1f, 0.9f]);

        var output = Pruning.Magnitude(0.5).Forward(w, Contexts.Training());

        Floats.Of(output).ShouldBe([0.5f, 0f, 0f, 0f, -0.1f, 0.9f]);
    }

    [Fact]
    public void The_gradient_of_pruned_values_is_zero()
    {
        using var scope = NewDisposeScope();
        var w = randn([6, 5], generator: new Generator(2)).requires_grad_();

        var output = Pruning.Magnitude(0.4).Forward(w, Contexts.Training());
        output.sum().backward();

        Floats.Of(w.grad!).ShouldBe(Floats.Of(output.ne(0)));
    }

    [Fact]
    public void The_sparsity_holds_after_an_optimizer_step_and_burn_in()
    {
        using var scope = NewDisposeScope();
        var weight = new Parameter(randn([8, 8], generator: new Generator(3)));
        var optimizer = optim.SGD([weight], 0.5);
        var transform = Pruning.Magnitude(0.5);
        var before = transform.Forward(weight, Contexts.Training(step: 0));
        (before * randn([8, 8], generator: new Generator(4))).sum().backward();

        optimizer.step();
        var after = transform.Forward(weight, Contexts.Training(step: 1));
        using (no_grad()) weight.copy_(after);
        var burnedIn = transform.Forward(weight, Contexts.Training(step: 2));

        Zeros(after).ShouldBe(32);
        Floats.Of(after.eq(0)).ShouldBe(Floats.Of(before.eq(0)));
        Floats.Of(burnedIn.eq(0)).ShouldBe(Floats.Of(before.eq(0)));
    }

    [Fact]
    public void The_mask_is_not_recomputed_while_the_schedule_stands_still()
    {
        using var scope = NewDisposeScope();
        var w = Floats.Tensor([1f, 2f, 3f, 4f]);
        var transform = Pruning.Magnitude(0.5);
        transform.Forward(w, Contexts.Training(step: 0));

        var output = transform.Forward(Floats.Tensor([4f, 3f, 2f, 1f]), Contexts.Training(step: 5));

        Floats.Of(output).ShouldBe([0f, 0f, 2f, 1f]);
    }

    [Fact]
    public void Structured_pruning_removes_whole_output_neurons_with_the_smallest_norms()
    {
        using var scope = NewDisposeScope();
        // LinearTorch weight (Nin = 3, Nout = 4): column j holds the inputs of output neuron j.
        var w = Floats.Tensor([1f, 0.1f, 5f, 0.2f, 1f, 0.1f, 5f, 0.2f, 1f, 0.1f, 5f, 0.2f], 3, 4);

        var output = Pruning.Magnitude(0.5, structured: true).Forward(w, Contexts.Training());

        Floats.Of(output).ShouldBe([1f, 0f, 5f, 0f, 1f, 0f, 5f, 0f, 1f, 0f, 5f, 0f]);
    }

    [Fact]
    public void Global_pruning_ranks_across_every_tensor_the_instance_is_applied_to()
    {
        using var scope = NewDisposeScope();
        var small = rand([10], generator: new Generator(5)) * 0.1f;
        var large = rand([30], generator: new Generator(6)) + 1f;
        var transform = Pruning.Magnitude(0.25, PruningScope.Global);
        var smallContext = Contexts.Training(path: "0_LinearTorch");
        var largeContext = Contexts.Training(path: "2_LinearTorch");
        transform.Forward(small, smallContext);
        transform.Forward(large, largeContext);

        var prunedSmall = transform.Forward(small, smallContext);
        var prunedLarge = transform.Forward(large, largeContext);

        Zeros(prunedSmall).ShouldBe(10);
        Zeros(prunedLarge).ShouldBe(0);
    }

    [Fact]
    public void Per_tensor_pruning_applied_to_several_tensors_prunes_each_to_the_sparsity()
    {
        using var scope = NewDisposeScope();
        var transform = Pruning.Magnitude(0.5);

        var first = transform.Forward(rand([10], generator: new Generator(7)) * 0.1f, Contexts.Training(path: "0_LinearTorch"));
        var second = transform.Forward(rand([30], generator: new Generator(8)) + 1f, Contexts.Training(path: "2_LinearTorch"));

        Zeros(first).ShouldBe(5);
        Zeros(second).ShouldBe(15);
    }

    [Fact]
    public void Gradual_pruning_ramps_the_sparsity_linearly_and_never_revives_a_pruned_value()
    {
        using var scope = NewDisposeScope();
        var w = randn([100], generator: new Generator(9));
        var transform = Pruning.Magnitude(0.6, startStep: 10, endStep: 20);

        var counts = new[] { 0L, 10, 15, 20, 30 }.Select(step => transform.Forward(w, Contexts.Training(step: step))).ToArray();

        counts.Select(Zeros).ShouldBe([0, 0, 30, 60, 60]);
        Floats.Of(counts[2].eq(0)).Zip(Floats.Of(counts[3].eq(0))).ShouldAllBe(p => p.First <= p.Second);
    }

    [Fact]
    public void Evaluation_applies_the_current_mask()
    {
        using var scope = NewDisposeScope();
        var w = randn([20], generator: new Generator(10));
        var transform = Pruning.Magnitude(0.25);
        var trained = transform.Forward(w, Contexts.Training());

        var evaluated = transform.Forward(w, Contexts.Evaluation());

        Floats.Of(evaluated).ShouldBe(Floats.Of(trained));
    }
}
