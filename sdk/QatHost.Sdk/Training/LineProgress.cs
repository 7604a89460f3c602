using System.Globalization;

namespace QatHost.Sdk.Training;

/// <summary>
/// Plain-text training progress, one line per finished epoch (and optionally every few batches), for logs,
/// pipes and CI where a live display does not fit:
/// <c>epoch 3/40  loss 0.5321  accuracy 81.2 %  test 79.0 %  2.1 s  ETA 1:20</c>.
/// </summary>
public sealed class LineProgress : IProgress<TrainingProgress>
{
    private readonly TextWriter writer;
    private readonly int everyBatches;

    /// <summary>Writes to <paramref name="writer"/>.</summary>
    /// <param name="writer">Where lines go, e.g. <c>Console.Out</c>.</param>
    /// <param name="everyBatches">Also write a line every this many batches; 0 for epoch lines only.</param>
    public LineProgress(TextWriter writer, int everyBatches = 0)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.writer = writer;
        this.everyBatches = Math.Max(0, everyBatches);
    }

    /// <inheritdoc/>
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string? line = value.Completed is { } done ? EpochLine(value, done)
            : everyBatches > 0 && value.Batch % everyBatches == 0 ? BatchLine(value)
            : null;
        if (line is null) return;
        writer.WriteLine(line);
        writer.Flush();
    }

    private static string EpochLine(TrainingProgress p, EpochResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Prefix}epoch {r.Epoch}/{p.Epochs}  loss {r.Loss:F4}{Percent("accuracy", r.Accuracy)}" +
        $"{(r.TestAccuracy is { } test ? Percent("test", test) : "")}  {r.Time.TotalSeconds:F1} s  ETA {Format(p.Remaining)}");

    private static string BatchLine(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Prefix}epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.Batches}  loss {p.Loss:F4}{Percent("accuracy", p.Accuracy)}  ETA {Format(p.Remaining)}");

    private static string Percent(string label, double value) =>
        double.IsNaN(value) ? "" : string.Create(CultureInfo.InvariantCulture, $"  {label} {value * 100:F1} %");

    /// <summary>A duration as <c>m:ss</c>, or <c>h:mm:ss</c> past an hour.</summary>
    internal static string Format(TimeSpan time) => time.TotalHours >= 1
        ? $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}"
        : $"{(int)time.TotalMinutes}:{time.Seconds:00}";
}
