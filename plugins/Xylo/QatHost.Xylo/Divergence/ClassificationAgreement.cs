using System.Globalization;

namespace QatHost.Xylo.Divergence;

/// <summary>
/// Classification over a labelled dataset by the float network, the fake-quantised network and the chip
/// simulation. The class is the output with the most spikes over the sample (ties: the lowest index).
/// </summary>
/// <param name="Samples">Number of samples.</param>
/// <param name="FloatAccuracy">Accuracy of the float network (as given: no hop delay added), 0..1.</param>
/// <param name="QuantisedAccuracy">Accuracy of the fake-quantised network, 0..1.</param>
/// <param name="ChipAccuracy">Accuracy of the bit-exact chip simulation, 0..1.</param>
/// <param name="FloatChipAgreement">Fraction of samples where float and chip predict the same class.</param>
/// <param name="QuantisedChipAgreement">Fraction of samples where fake-quantised network and chip predict the same class.</param>
public sealed record ClassificationAgreement(
    long Samples, double FloatAccuracy, double QuantisedAccuracy, double ChipAccuracy,
    double FloatChipAgreement, double QuantisedChipAgreement)
{
    /// <summary>Two lines: accuracies, then agreement with the chip.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"accuracy over {Samples} samples: float {FloatAccuracy * 100:F1} %, fake-quantised {QuantisedAccuracy * 100:F1} %, chip {ChipAccuracy * 100:F1} %\n" +
        $"same class as the chip: float {FloatChipAgreement * 100:F1} %, fake-quantised {QuantisedChipAgreement * 100:F1} %");
}
