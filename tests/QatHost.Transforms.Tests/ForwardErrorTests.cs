using QatHost.Sdk;
using QatHost.Sdk.Transforms;
using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests;

/// <summary>Input a transform cannot work with fails when the transform runs, naming the transform, the module path,
/// the parameter and its family, and what is wrong; it never becomes a silent NaN.</summary>
public class ForwardErrorTests
{
    private const string Weight = "on 0_LinearTorch/weight (family \"weights\")";

    public static TheoryData<string, Func<Transform>> EveryTransform => new()
    {
        { "Rounding.Stochastic()", () => Rounding.Stochastic() },
        { "Rounding.StochasticPerChannel(outputRange: (-7, 7))", () => Rounding.StochasticPerChannel((-7, 7)) },
        { "Rounding.Deterministic()", () => Rounding.Deterministic() },
        { "Quantise.Integer()", () => Quantise.Integer() },
        { "Quantise.LearnedStepSize(bits: 8)", () => Quantise.LearnedStepSize() },
        { "Decay.ToBitshift()", Decay.ToBitshift },
        { "Passthrough.Round()", Passthrough.Round },
        { "Passthrough.Floor()", Passthrough.Floor },
        { "Passthrough.Identity()", Passthrough.Identity },
        { "Dropout.Bernoulli()", () => Dropout.Bernoulli() },
        { "Dropout.Unit()", () => Dropout.Unit() },
        { "Dropout.TimeStep()", () => Dropout.TimeStep() },
        { "Pruning.Magnitude(sparsity: 0.5)", () => Pruning.Magnitude(0.5) },
        { "Mismatch.Gaussian()", () => Mismatch.Gaussian() },
    };

    [Theory, MemberData(nameof(EveryTransform))]
    public void Every_transform_rejects_nan_input_naming_where_it_is(string description, Func<Transform> make)
    {
        using var scope = NewDisposeScope();
        var x = Floats.Tensor([0.5f, -1f, 2f, float.NaN, 1f, 0.25f], 3, 2);

        var error = Should.Throw<QatHostException>(() => make().Forward(x, Contexts.Training(generator: new Generator(1))));

        error.Message.ShouldBe($"{description} {Weight}: the value holds NaN at index [1, 1]; transforms need finite input.");
    }

    [Fact]
    public void Rounding_rejects_an_infinite_value()
    {
        using var scope = NewDisposeScope();
        var x = Floats.Tensor([float.NegativeInfinity, 1f]);

        var error = Should.Throw<QatHostException>(() => Rounding.Deterministic(16).Forward(x, Contexts.Training()));

        error.Message.ShouldBe($"Rounding.Deterministic(levels: 16) {Weight}: the value holds -Infinity at index [0]; transforms need finite input.");
    }

    [Fact]
    public void Rounding_values_whose_range_overflows_float32_is_an_error()
    {
        using var scope = NewDisposeScope();
        var x = Floats.Tensor([3e38f, -3e38f]);

        var error = Should.Throw<QatHostException>(() => Rounding.Stochastic().Forward(x, Contexts.Training(generator: new Generator(1))));

        error.Message.ShouldBe($"Rounding.Stochastic() {Weight}: the values are too large for float32 rounding (the range max - min overflows).");
    }

    [Fact]
    public void Per_channel_rounding_of_a_vector_is_an_error_naming_the_shape()
    {
        using var scope = NewDisposeScope();

        var error = Should.Throw<QatHostException>(() =>
            Rounding.StochasticPerChannel((-7, 7), 15).Forward(ones(5), Contexts.Training()));

        error.Message.ShouldBe($"Rounding.StochasticPerChannel(outputRange: (-7, 7), levels: 15) {Weight}: " +
            "needs a 2-D (Nin, Nout) weight (one channel per column), got shape [5].");
    }

    [Fact]
    public void Learned_step_size_cannot_start_from_an_all_zero_tensor_without_an_initial_step()
    {
        using var scope = NewDisposeScope();

        var error = Should.Throw<QatHostException>(() => Quantise.LearnedStepSize(4).Forward(zeros(3), Contexts.Training()));

        error.Message.ShouldBe($"Quantise.LearnedStepSize(bits: 4) {Weight}: cannot initialise the step from the data: " +
            "every value is zero (2·mean|x|/sqrt(Qp) = 0); pass initialStep.");
    }

    [Fact]
    public void Learned_step_size_with_an_initial_step_quantises_an_all_zero_tensor_to_zero()
    {
        using var scope = NewDisposeScope();

        var output = Quantise.LearnedStepSize(4, initialStep: 0.1).Forward(zeros(3), Contexts.Training());

        Floats.Of(output).ShouldBe([0f, 0f, 0f]);
    }

    [Fact]
    public void A_learned_step_that_became_negative_is_an_error()
    {
        using var scope = NewDisposeScope();
        var transform = Quantise.LearnedStepSize(4, initialStep: 0.5);
        transform.Forward(ones(3), Contexts.Training());
        using (no_grad()) transform.TrainableParameters().Single().fill_(-1);

        var error = Should.Throw<QatHostException>(() => transform.Forward(ones(3), Contexts.Training()));

        error.Message.ShouldBe($"Quantise.LearnedStepSize(bits: 4, initialStep: 0.5) {Weight}: the learned step became -1; " +
            "it must stay positive (lower the learning rate or set initialStep).");
    }
}
