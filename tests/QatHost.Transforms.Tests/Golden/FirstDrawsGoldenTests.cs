using QatHost.Tests.Oracle;
using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests.Golden;

/// <summary>After <c>torch.manual_seed(12345)</c>, TorchSharp's CPU generator gives Python torch's numbers, so the
/// stochastic transforms drawing from the global generator reproduce Rockpool's first draws exactly.</summary>
[Collection(GlobalGeneratorCollection.Name)]
public class FirstDrawsGoldenTests
{
    public static TheoryData<string> Cases => GoldenCases.StochasticNames();

    public static TheoryData<string> CasesWithGradient => GoldenCases.StochasticNamesWithGradient();

    [Theory, MemberData(nameof(Cases))]
    public void Torch_rand_after_manual_seed_equals_python_torch(string name)
    {
        using var scope = NewDisposeScope();
        var golden = GoldenCases.Stochastic(name);
        var expected = OracleTensor.Decode(golden["torch_rand_after_manual_seed"]!);

        manual_seed(golden["torch_seed"]!.GetValue<long>());
        var drawn = rand(expected.shape);

        OracleAssert.Exact($"{name} torch.rand", drawn, expected);
    }

    [Theory, MemberData(nameof(Cases))]
    public void The_first_three_draws_after_manual_seed_equal_rockpool(string name)
    {
        using var scope = NewDisposeScope();
        var golden = GoldenCases.Stochastic(name);
        var input = OracleTensor.Decode(golden["input"]!);
        var transform = GoldenTransforms.For(golden);

        manual_seed(golden["torch_seed"]!.GetValue<long>());
        var draws = Enumerable.Range(0, 3).Select(_ => transform.Forward(input, Contexts.Training())).ToArray();

        var expected = golden["first_draws_after_manual_seed"]!.AsArray();
        for (int i = 0; i < 3; i++) OracleAssert.Exact($"{name} draw {i}", draws[i], OracleTensor.Decode(expected[i]!));
    }

    [Theory, MemberData(nameof(CasesWithGradient))]
    public void The_gradient_of_the_first_draw_equals_rockpool(string name)
    {
        using var scope = NewDisposeScope();
        var golden = GoldenCases.Stochastic(name);
        var input = OracleTensor.Decode(golden["input"]!).requires_grad_();
        var grad = golden["grad"]!;
        var transform = GoldenTransforms.For(golden);

        manual_seed(golden["torch_seed"]!.GetValue<long>());
        var output = transform.Forward(input, Contexts.Training());
        (output * OracleTensor.Decode(grad["R"]!)).sum().backward();

        OracleAssert.Exact($"{name} output", output, OracleTensor.Decode(grad["output_first_draw"]!));
        OracleAssert.Close($"{name} d_input", input.grad!, OracleTensor.Decode(grad["d_input_first_draw"]!), 1e-4, 1e-5);
    }
}
