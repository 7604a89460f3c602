using QatHost.Tests.Oracle;
using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests.Golden;

/// <summary>Every case of transforms_deterministic.json: the output, and the gradient of <c>sum(output · R)</c>.</summary>
public class DeterministicGoldenTests
{
    /// <summary>The one case where QatHost differs on purpose: Rockpool returns NaN for an all-zero input.</summary>
    private const string AllZeroCase = "dr_all_zeros_nan";

    public static TheoryData<string> Cases => GoldenCases.DeterministicNames();

    [Theory, MemberData(nameof(Cases))]
    public void Output_and_gradient_match_rockpool(string name)
    {
        using var scope = NewDisposeScope();
        var golden = GoldenCases.Deterministic(name);
        var input = OracleTensor.Decode(golden["input"]!).requires_grad_();
        var r = OracleTensor.Decode(golden["grad"]!["R"]!);
        var transform = GoldenTransforms.For(golden);

        var output = transform.Forward(input, Contexts.Training());
        (output * r).sum().backward();

        var expectedOutput = name == AllZeroCase ? input.detach() : OracleTensor.Decode(golden["output"]!);
        var expectedGradient = name == AllZeroCase ? r : OracleTensor.Decode(golden["grad"]!["d_input"]!);
        OracleAssert.Exact($"{name} output", output, expectedOutput);
        OracleAssert.Close($"{name} d_input", input.grad!, expectedGradient, rtol: 1e-4, atolScale: 1e-5);
    }

    [Fact]
    public void An_all_zero_tensor_rounds_to_itself_where_rockpool_returns_nan()
    {
        using var scope = NewDisposeScope();
        var golden = GoldenCases.Deterministic(AllZeroCase);
        Floats.Of(OracleTensor.Decode(golden["output"]!)).ShouldAllBe(x => float.IsNaN(x));
        var zeros = torch.zeros(4);

        var output = Rounding.Deterministic().Forward(zeros, Contexts.Training());

        Floats.Of(output).ShouldBe([0f, 0f, 0f, 0f]);
    }
}
