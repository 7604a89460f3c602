using System.Globalization;

namespace QatHost.Sdk.Training;

/// <summary>What <c>Evaluate(net, data)</c> measured.</summary>
/// <param name="Accuracy">Share of samples classified right (0 to 1); NaN for target traces.</param>
/// <param name="Loss">Mean loss over the samples.</param>
/// <param name="Samples">Number of samples evaluated.</param>
public sealed record Evaluation(double Accuracy, double Loss, long Samples)
{
    /// <summary>For example <c>accuracy 87.5 %, loss 0.4213 over 200 samples</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(double.IsNaN(Accuracy) ? "" : $"accuracy {Accuracy * 100:F1} %, ")}loss {Loss:F4} over {Samples} samples");
}
