using QatHost.Sdk.Transforms;

namespace QatHost.Transforms.Tests;

/// <summary>Bad arguments fail in the factory, so the error points at the script line that made the transform,
/// and the message names the transform, the argument, the value and what is required.</summary>
public class ArgumentErrorTests
{
    public static TheoryData<string, Func<Transform>, string> Cases => new()
    {
        { "levels 1", () => Rounding.Stochastic(levels: 1), "Rounding.Stochastic: levels = 1 must be at least 2." },
        { "levels 0 per channel", () => Rounding.StochasticPerChannel((0, 10), levels: 0),
            "Rounding.StochasticPerChannel: levels = 0 must be at least 2." },
        { "levels -3", () => Rounding.Deterministic(levels: -3), "Rounding.Deterministic: levels = -3 must be at least 2." },
        { "reversed input range", () => Rounding.Deterministic(inputRange: (1, -1)),
            "Rounding.Deterministic: inputRange = (1, -1) must have min < max." },
        { "empty output range", () => Rounding.Stochastic(outputRange: (2, 2)),
            "Rounding.Stochastic: outputRange = (2, 2) must have min < max." },
        { "NaN input range", () => Rounding.Stochastic(inputRange: (double.NaN, 1)),
            "Rounding.Stochastic: inputRange = (NaN, 1) must have finite bounds." },
        { "reversed channel range", () => Rounding.StochasticPerChannel((7, -7)),
            "Rounding.StochasticPerChannel: outputRange = (7, -7) must have min < max." },
        { "1 bit", () => Quantise.Integer(bits: 1), "Quantise.Integer: bits = 1 must be between 2 and 24." },
        { "30 max bits", () => Quantise.Integer(mapToMax: true, maxBits: 30), "Quantise.Integer: maxBits = 30 must be between 2 and 24." },
        { "LSQ 40 bits", () => Quantise.LearnedStepSize(bits: 40), "Quantise.LearnedStepSize: bits = 40 must be between 2 and 24." },
        { "LSQ zero step", () => Quantise.LearnedStepSize(initialStep: 0),
            "Quantise.LearnedStepSize: initialStep = 0 must be finite and positive." },
        { "dropout p 1.5", () => Dropout.Bernoulli(1.5), "Dropout.Bernoulli: p = 1.5 must be in [0, 1]." },
        { "dropout p NaN", () => Dropout.Bernoulli(double.NaN), "Dropout.Bernoulli: p = NaN must be in [0, 1]." },
        { "unit dropout p 1", () => Dropout.Unit(1),
            "Dropout.Unit: p = 1 must be in [0, 1) (survivors are scaled by 1/(1 - p))." },
        { "time-step dropout p -0.1", () => Dropout.TimeStep(-0.1), "Dropout.TimeStep: p = -0.1 must be in [0, 1]." },
        { "sparsity 1.2", () => Pruning.Magnitude(1.2), "Pruning.Magnitude: sparsity = 1.2 must be in [0, 1]." },
        { "sparsity -0.5", () => Pruning.Magnitude(-0.5), "Pruning.Magnitude: sparsity = -0.5 must be in [0, 1]." },
        { "negative start", () => Pruning.Magnitude(0.5, startStep: -1), "Pruning.Magnitude: startStep = -1 must be at least 0." },
        { "end before start", () => Pruning.Magnitude(0.5, startStep: 10, endStep: 5),
            "Pruning.Magnitude: endStep = 5 must be at least startStep (10)." },
        { "negative deviation", () => Mismatch.Gaussian(-0.1),
            "Mismatch.Gaussian: percentDeviation = -0.1 must be finite and non-negative." },
        { "zero sigma rule", () => Mismatch.Gaussian(sigmaRule: 0), "Mismatch.Gaussian: sigmaRule = 0 must be finite and positive." },
    };

    [Theory, MemberData(nameof(Cases))]
    public void A_bad_argument_fails_in_the_factory_naming_transform_argument_value_and_requirement(
        string situation, Func<Transform> make, string message)
    {
        var error = Should.Throw<TransformArgumentException>(make, situation);

        error.Message.ShouldBe(message);
    }

    [Fact]
    public void The_error_names_the_argument_at_fault()
    {
        var error = Should.Throw<TransformArgumentException>(() => Rounding.Deterministic(16, outputRange: (1, 0)));

        error.Argument.ShouldBe("outputRange");
    }
}
