using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace Acme.Clipping.Tests;

public class ClippingTests
{
    private static readonly TransformContext Training = new("0_LinearTorch", "weight", "weights", true, null, 0);

    [Fact]
    public void Values_are_clamped_to_the_limit()
    {
        var x = tensor(new[] { -0.5f, -0.05f, 0f, 0.05f, 0.5f });

        var y = Clipping.Symmetric(0.1).Forward(x, Training);

        y.data<float>().ToArray().ShouldBe([-0.1f, -0.05f, 0f, 0.05f, 0.1f]);
    }

    [Fact]
    public void The_gradient_passes_straight_through_the_clamp()
    {
        var x = tensor(new[] { -0.5f, 0.05f, 0.5f }).requires_grad_();

        (Clipping.Symmetric(0.1).Forward(x, Training) * tensor(new[] { 1f, 2f, 3f })).sum().backward();

        x.grad!.data<float>().ToArray().ShouldBe([1f, 2f, 3f]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_limit_that_is_not_positive_and_finite_is_refused(double limit)
    {
        var error = Should.Throw<TransformArgumentException>(() => Clipping.Symmetric(limit));

        error.Argument.ShouldBe("limit");
        error.Message.ShouldStartWith("Clipping.Symmetric: limit = ");
        error.Message.ShouldContain("must be positive and finite");
    }

    [Fact]
    public void It_prints_as_the_call_that_made_it() =>
        Clipping.Symmetric(0.25).ToString().ShouldBe("Clipping.Symmetric(limit: 0.25)");
}
