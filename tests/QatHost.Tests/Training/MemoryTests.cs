using System.Diagnostics;
using QatHost.Sdk.Training;
using static QatHost.Sdk.Training.Trainer;
using static TorchSharp.torch;

namespace QatHost.Tests.Training;

/// <summary>Long runs stay flat in memory: every batch's tensors are freed with its dispose scope. Runs alone,
/// because the live-tensor count is process-wide.</summary>
[Collection(nameof(SerialCollection))]
public class MemoryTests
{
    [Fact]
    public void Live_tensors_and_resident_memory_do_not_grow_over_many_batches()
    {
        using var data = TrainerTests.TinyTask(samples: 8, seed: 2);
        var net = TrainerTests.TinyNetwork();
        var samples = new List<(long Tensors, long Bytes)>();
        var progress = new Recorder(p =>
        {
            if (p.Completed is null || p.Epoch % 20 != 0) return;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            samples.Add((Tensor.TotalCount, Process.GetCurrentProcess().WorkingSet64));
        });

        Train(net, data, epochs: 120, optimizer: Sgd(lr: 1e-3), batchSize: 4, families: ["weights"], progress: progress);

        samples.Count.ShouldBe(6);
        var (tensorsEarly, bytesEarly) = samples[1];
        var (tensorsLate, bytesLate) = samples[^1];
        (tensorsLate - tensorsEarly).ShouldBeLessThanOrEqualTo(5, $"live tensors went from {tensorsEarly} to {tensorsLate}");
        (bytesLate - bytesEarly).ShouldBeLessThan(20L << 20, $"resident memory went from {bytesEarly >> 20} MB to {bytesLate >> 20} MB");
    }

    private sealed class Recorder(Action<TrainingProgress> record) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => record(value);
    }
}
