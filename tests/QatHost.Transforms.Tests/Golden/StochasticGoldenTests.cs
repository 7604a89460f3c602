using QatHost.Tests.Oracle;
using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests.Golden;

/// <summary>transforms_stochastic.json: over the golden's number of draws (from a seeded generator of our own),
/// every element takes exactly Rockpool's set of levels, the mean is unbiased within the golden's statistical
/// bounds, and the gradient behaves as recorded.</summary>
public class StochasticGoldenTests
{
    /// <summary>Standard errors allowed between our mean and the expectation (a false alarm is rarer than 1e-5 per element).</summary>
    private const double StandardErrors = 5.0;

    public static TheoryData<string> Cases => GoldenCases.StochasticNames();

    public static TheoryData<string> CasesWithGradient => GoldenCases.StochasticNamesWithGradient();

    [Theory, MemberData(nameof(Cases))]
    public void Every_element_takes_rockpools_levels_and_the_mean_is_unbiased(string name)
    {
        var golden = GoldenCases.Stochastic(name);
        int draws = golden["draws"]!.GetValue<int>();
        var input = OracleTensor.Decode(golden["input"]!);
        var transform = GoldenTransforms.For(golden);
        var generator = new Generator(2024);
        int n = (int)input.numel();
        var levels = Enumerable.Range(0, n).Select(_ => new HashSet<float>()).ToArray();
        var sum = new double[n];

        for (int d = 0; d < draws; d++)
        {
            using var scope = NewDisposeScope();
            var values = Floats.Of(transform.Forward(input, Contexts.Training(generator: generator)));
            for (int i = 0; i < n; i++)
            {
                levels[i].Add(values[i] + 0f);
                sum[i] += values[i];
            }
        }

        var expectedLevels = golden["levels_per_element"]!.AsArray();
        var expectedMean = Floats.Of(OracleTensor.Decode(golden["expected_mean"]!));
        var std = Floats.Of(OracleTensor.Decode(golden["std"]!));
        double constantError = golden["max_abs_mean_error_constant_elements"]!.GetValue<double>();
        for (int i = 0; i < n; i++)
        {
            var expected = expectedLevels[i]!.AsArray().Select(v => (float)v!.GetValue<double>() + 0f).Order();
            levels[i].Order().ShouldBe(expected, $"{name}: levels of element {i}");
            double error = Math.Abs(sum[i] / draws - expectedMean[i]);
            double bound = std[i] == 0 ? constantError + 1e-12 : StandardErrors * std[i] / Math.Sqrt(draws);
            error.ShouldBeLessThanOrEqualTo(bound, $"{name}: mean of element {i}");
        }
    }

    [Theory, MemberData(nameof(CasesWithGradient))]
    public void The_gradient_is_constant_across_draws_exactly_when_rockpools_is(string name)
    {
        using var scope = NewDisposeScope();
        var golden = GoldenCases.Stochastic(name);
        var grad = golden["grad"]!;
        var transform = GoldenTransforms.For(golden);
        var input = OracleTensor.Decode(golden["input"]!);
        var r = OracleTensor.Decode(grad["R"]!);
        var generator = new Generator(7);
        const int draws = 2000;

        var gradients = Enumerable.Range(0, draws).Select(_ => GradientOfOneDraw(transform, input, r, generator)).ToArray();

        bool constant = gradients.All(g => g.SequenceEqual(gradients[0]));
        constant.ShouldBe(grad["constant_across_draws"]!.GetValue<bool>());
        var goldenMean = Floats.Of(OracleTensor.Decode(grad["d_input_mean"]!));
        int goldenDraws = golden["draws"]!.GetValue<int>();
        for (int i = 0; i < goldenMean.Length; i++)
        {
            var column = gradients.Select(g => (double)g[i]).ToArray();
            double mean = column.Average();
            double variance = column.Select(x => (x - mean) * (x - mean)).Sum() / (draws - 1);
            // The golden's mean was summed in float32 over its draws: ~1e-4 relative noise even for a constant gradient.
            double bound = StandardErrors * Math.Sqrt(variance / draws + variance / goldenDraws) + 1e-3 * Math.Abs(goldenMean[i]);
            Math.Abs(mean - goldenMean[i]).ShouldBeLessThanOrEqualTo(bound, $"{name}: mean gradient of element {i}");
        }
    }

    private static float[] GradientOfOneDraw(Sdk.Transforms.Transform transform, Tensor input, Tensor r, Generator generator)
    {
        using var scope = NewDisposeScope();
        var x = input.clone().requires_grad_();
        (transform.Forward(x, Contexts.Training(generator: generator)) * r).sum().backward();
        return Floats.Of(x.grad!);
    }
}
