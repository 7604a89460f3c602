using QatHost.Sdk.Engine;
using QatHost.Tests.Training;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>A training step through the fused kernel frees every tensor it made with its dispose scope. Runs
/// alone, because the live-tensor count is process-wide.</summary>
[Collection(nameof(SerialCollection))]
public class FusedLifMemoryTests
{
    [Theory]
    [InlineData(LifKernel.Fused, true)]
    [InlineData(LifKernel.Fused, false)]
    [InlineData(LifKernel.Reference, true)]
    public void Repeated_training_steps_leave_no_live_tensors_behind(LifKernel kernel, bool trainLayer)
    {
        using var layer = new LIFTorch(4, hasRec: true) { Kernel = kernel };
        if (!trainLayer) foreach (var p in layer.TrainableParameters()) p.requires_grad_(false);
        using var weights = randn(4, 4).requires_grad_(true);
        weights.DetachFromDisposeScope();
        void Step()
        {
            using var scope = NewDisposeScope();
            layer.ResetState();
            var output = layer.Evolve(ones(2, 5, 4).matmul(weights)).Output;
            output.sum().backward();
        }
        Step();
        Settle();
        long before = Tensor.TotalCount;

        for (int i = 0; i < 10; i++) Step();
        Settle();

        (Tensor.TotalCount - before).ShouldBe(0);
    }

    // Replaced module states are released by the garbage collector, not by the scope.
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
