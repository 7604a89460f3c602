namespace QatHost.Sdk.Training;

/// <summary>Where a training run is, reported after every batch and once more at the end of each epoch
/// (with <see cref="Completed"/>) to an <see cref="IProgress{T}"/>. Reports arrive on the training thread.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">The last epoch of the run.</param>
/// <param name="Batch">Batches done in this epoch (1 to <paramref name="Batches"/>).</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Mean training loss so far in this epoch.</param>
/// <param name="Accuracy">Training accuracy so far in this epoch (0 to 1); NaN without labels.</param>
/// <param name="Elapsed">Time since this call to <c>Train</c> started.</param>
/// <param name="Remaining">Estimated time left, from the pace so far.</param>
/// <param name="Completed">The finished epoch's result (test figures included) on the end-of-epoch report; else null.</param>
/// <param name="Label">The <c>label:</c> the <c>Train</c> call was given, or null.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy,
    TimeSpan Elapsed, TimeSpan Remaining, EpochResult? Completed = null, string? Label = null)
{
    /// <summary><c>"label: "</c> to put before a progress line, or empty without a label.</summary>
    public string Prefix => Label is null ? "" : Label + ": ";
}

/// <summary>Passes reports on with the <c>Train</c> call's label.</summary>
internal sealed class LabelledProgress(IProgress<TrainingProgress> inner, string label) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => inner.Report(value with { Label = label });
}
