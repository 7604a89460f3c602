namespace QatHost.Sdk.Training;

/// <summary>One epoch of a <see cref="TrainingRun"/>.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="Loss">Mean training loss over the epoch's batches.</param>
/// <param name="Accuracy">Share of training samples classified right while training (0 to 1); NaN without labels.</param>
/// <param name="TestLoss">Loss on the test set after the epoch, or null without a test set.</param>
/// <param name="TestAccuracy">Accuracy on the test set after the epoch (0 to 1), or null.</param>
/// <param name="Time">Wall-clock time of the epoch, evaluation included.</param>
public sealed record EpochResult(int Epoch, double Loss, double Accuracy, double? TestLoss, double? TestAccuracy, TimeSpan Time);
