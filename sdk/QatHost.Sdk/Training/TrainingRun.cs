using System.Globalization;
using System.Text;

namespace QatHost.Sdk.Training;

/// <summary>
/// The history of a <c>Train</c> call: one <see cref="EpochResult"/> per epoch (those before a resume
/// included), printable as a table (<see cref="Summary"/>) and savable as CSV (<see cref="SaveCsv"/>).
/// </summary>
public sealed class TrainingRun
{
    private readonly List<EpochResult> history;

    internal TrainingRun(IEnumerable<EpochResult> history, string optimizer, string loss, long seed, int? resumedAfter)
    {
        this.history = history.ToList();
        Optimizer = optimizer;
        Loss = loss;
        Seed = seed;
        ResumedAfter = resumedAfter;
    }

    /// <summary>One result per epoch, in order.</summary>
    public IReadOnlyList<EpochResult> History => history;

    /// <summary>The last epoch's result.</summary>
    public EpochResult Last => history.Count > 0 ? history[^1] : throw new QatHostException("The training run has no epochs.");

    /// <summary>The optimizer, as the call that made it (e.g. <c>Adam(lr: 0.001)</c>).</summary>
    public string Optimizer { get; }

    /// <summary>The loss, e.g. <c>Loss.SpikeCount</c>.</summary>
    public string Loss { get; }

    /// <summary>The seed of shuffling and of torch's generator during training.</summary>
    public long Seed { get; }

    /// <summary>The <c>label:</c> given to <c>Train</c>, or null; the summary starts with it.</summary>
    public string? Label { get; internal set; }

    /// <summary>The epoch the run resumed after, when it continued from a checkpoint; else null.</summary>
    public int? ResumedAfter { get; }

    internal void Add(EpochResult result) => history.Add(result);

    /// <summary>A table with one row per epoch: loss, accuracy, test loss and accuracy (when measured), time.</summary>
    public string Summary()
    {
        bool accuracy = history.Any(r => !double.IsNaN(r.Accuracy));
        bool test = history.Any(r => r.TestLoss is not null);
        var text = new StringBuilder();
        if (Label is not null) text.Append(Label).Append(": ");
        text.Append(CultureInfo.InvariantCulture, $"{Optimizer}, {Loss}, seed {Seed}");
        if (ResumedAfter is { } after) text.Append(CultureInfo.InvariantCulture, $", resumed after epoch {after}");
        text.AppendLine();
        text.Append("epoch      loss").Append(accuracy ? "  accuracy" : "").Append(test ? " test loss" : "")
            .Append(test && accuracy ? " test acc." : "").AppendLine("     time");
        foreach (var r in history)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Epoch,5} {LossCell(r.Loss),9}");
            if (accuracy) text.Append(CultureInfo.InvariantCulture, $" {r.Accuracy * 100,7:F1} %");
            if (test) text.Append(CultureInfo.InvariantCulture, $" {(r.TestLoss is { } t ? LossCell(t) : ""),9}");
            if (test && accuracy) text.Append(CultureInfo.InvariantCulture, $" {r.TestAccuracy * 100,7:F1} %");
            text.AppendLine(CultureInfo.InvariantCulture, $" {r.Time.TotalSeconds,6:F1} s");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>Writes the history as CSV (<c>epoch,loss,accuracy,test_loss,test_accuracy,seconds</c>; empty
    /// cells where not measured), atomically: the file is complete or absent.</summary>
    public void SaveCsv(string path)
    {
        var text = new StringBuilder("epoch,loss,accuracy,test_loss,test_accuracy,seconds\n");
        foreach (var r in history)
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Epoch},{r.Loss:R},{Cell(r.Accuracy)},{Cell(r.TestLoss)},{Cell(r.TestAccuracy)},{r.Time.TotalSeconds:F3}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <inheritdoc cref="Summary"/>
    public override string ToString() => Summary();

    /// <summary>A loss in at most 9 characters: <c>0.4213</c> style below 10,000, <c>1.235E+04</c> above.</summary>
    private static string LossCell(double value) => Math.Abs(value) < 9999.99995
        ? value.ToString("F4", CultureInfo.InvariantCulture)
        : value.ToString("0.000E+00", CultureInfo.InvariantCulture);

    private static string Cell(double? value) =>
        value is { } v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
