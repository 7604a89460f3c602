using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>What a checkpoint file holds, read back (tensors belong to the caller's dispose scope).</summary>
internal sealed record CheckpointData(
    IReadOnlyList<Checkpoint.TensorEntry> Entries,
    IReadOnlyList<Tensor> Tensors,
    byte[]? Optimizer,
    Tensor? Rng,
    TrainingState? Training);

/// <summary>The training state a checkpoint written by <c>Train</c> carries.</summary>
internal sealed record TrainingState(
    int Epoch, long Step, long Seed, string Optimizer, string Loss, int BatchSize, List<EpochRecord> History);

/// <summary>An <see cref="EpochResult"/> as stored in JSON.</summary>
internal sealed record EpochRecord(int Epoch, double Loss, double? Accuracy, double? TestLoss, double? TestAccuracy, double Seconds)
{
    public static EpochRecord From(EpochResult r) =>
        new(r.Epoch, r.Loss, double.IsNaN(r.Accuracy) ? null : r.Accuracy, r.TestLoss, r.TestAccuracy, r.Time.TotalSeconds);

    public EpochResult ToResult() =>
        new(Epoch, Loss, Accuracy ?? double.NaN, TestLoss, TestAccuracy, TimeSpan.FromSeconds(Seconds));
}
