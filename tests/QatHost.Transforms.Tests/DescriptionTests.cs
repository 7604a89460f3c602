using QatHost.Sdk.Transforms;

namespace QatHost.Transforms.Tests;

/// <summary>Each transform prints as the call that made it (how it shows in <c>net.Transforms()</c> and in errors),
/// leaving out the arguments that kept their defaults.</summary>
public class DescriptionTests
{
    public static TheoryData<Func<Transform>, string> Cases => new()
    {
        { () => Rounding.Deterministic(16, outputRange: (-128, 127)), "Rounding.Deterministic(levels: 16, outputRange: (-128, 127))" },
        { () => Rounding.StochasticPerChannel((-7, 7), 15, maintainZero: false),
            "Rounding.StochasticPerChannel(outputRange: (-7, 7), levels: 15, maintainZero: false)" },
        { () => Quantise.Integer(4, mapToMax: true), "Quantise.Integer(bits: 4, mapToMax: true)" },
        { () => Quantise.Integer(), "Quantise.Integer()" },
        { () => Quantise.LearnedStepSize(4, 0.05, signed: false), "Quantise.LearnedStepSize(bits: 4, initialStep: 0.05, signed: false)" },
        { Decay.ToBitshift, "Decay.ToBitshift()" },
        { Passthrough.Round, "Passthrough.Round()" },
        { () => Passthrough.Of(t => t * t, "square"), "Passthrough.Of(square)" },
        { () => Dropout.Bernoulli(0.1), "Dropout.Bernoulli(p: 0.1)" },
        { () => Dropout.Unit(), "Dropout.Unit()" },
        { () => Pruning.Magnitude(0.8, PruningScope.Global, structured: true, startStep: 100, endStep: 1000),
            "Pruning.Magnitude(sparsity: 0.8, scope: PruningScope.Global, structured: true, startStep: 100, endStep: 1000)" },
        { () => Mismatch.Gaussian(0.2), "Mismatch.Gaussian(percentDeviation: 0.2)" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void A_transform_prints_as_the_call_that_made_it(Func<Transform> make, string text)
    {
        make().ToString().ShouldBe(text);
    }
}
