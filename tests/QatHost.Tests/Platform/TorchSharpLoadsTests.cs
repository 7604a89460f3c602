using TorchSharp;
using static TorchSharp.torch;

namespace QatHost.Tests.Platform;

/// <summary>LibTorch must load in the test process on every supported Linux, including GCC-12 systems.</summary>
public class TorchSharpLoadsTests
{
    [Fact]
    public void A_tensor_operation_and_a_backward_pass_run()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1f, -2f, 3f }, requires_grad: true);

        var y = (x * x).sum();
        y.backward();

        y.item<float>().ShouldBe(14f);
        x.grad!.data<float>().ToArray().ShouldBe(new[] { 2f, -4f, 6f });
    }
}
