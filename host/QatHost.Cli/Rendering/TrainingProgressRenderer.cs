using System.Globalization;
using QatHost.Sdk.Training;
using Spectre.Console;

namespace QatHost.Cli.Rendering;

/// <summary>
/// Shows training progress on standard error, so standard output stays the script's own. On a terminal, one
/// live status line (epoch, batch, a bar, loss, accuracy, ETA) is redrawn in place and each finished epoch is
/// kept as a line; when standard error is redirected, only the finished-epoch lines are written, plainly.
/// </summary>
public sealed class TrainingProgressRenderer : IProgress<TrainingProgress>
{
    private const int BarWidth = 24;
    private readonly IAnsiConsole console = Terminal.Error;
    private readonly bool live = !Console.IsErrorRedirected;
    private readonly LineProgress? plain = Console.IsErrorRedirected ? new LineProgress(Console.Error) : null;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly System.Diagnostics.Stopwatch redrawn = new();
    private bool statusShown;

    /// <inheritdoc/>
    public void Report(TrainingProgress value)
    {
        if (plain is not null)
        {
            plain.Report(value);
            return;
        }
        if (!live) return;
        // The status line is redrawn at most 10 times a second: short batches come in faster than a terminal
        // needs, and rendering each one would cost a noticeable share of the batch.
        if (value.Completed is null && statusShown && redrawn.Elapsed < RedrawInterval) return;
        ClearStatus();
        if (value.Completed is { } epoch)
        {
            console.MarkupLine(EpochLine(value, epoch));
            return;
        }
        console.Markup(StatusLine(value));
        statusShown = true;
        redrawn.Restart();
    }

    /// <summary>Removes the status line (before a script writes, or when training ends).</summary>
    public void ClearStatus()
    {
        if (!statusShown) return;
        console.Write(new ControlCode("\r\u001b[2K"));
        statusShown = false;
    }

    private static string StatusLine(TrainingProgress p)
    {
        int filled = p.Batches == 0 ? 0 : (int)Math.Round(BarWidth * (double)p.Batch / p.Batches);
        string bar = $"[green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/]";
        return string.Create(CultureInfo.InvariantCulture,
            $"[bold]{Markup.Escape(p.Prefix)}epoch {p.Epoch}/{p.Epochs}[/] {bar} batch {p.Batch}/{p.Batches}  loss {p.Loss:F4}" +
            $"{Percent("accuracy", p.Accuracy)}  [grey]ETA {Duration(p.Remaining)}[/]");
    }

    private static string EpochLine(TrainingProgress p, EpochResult r) => string.Create(CultureInfo.InvariantCulture,
        $"[green]✓[/] {Markup.Escape(p.Prefix)}epoch {r.Epoch}/{p.Epochs}  loss {r.Loss:F4}{Percent("accuracy", r.Accuracy)}" +
        $"{(r.TestAccuracy is { } test ? Percent("test", test) : "")}  [grey]{r.Time.TotalSeconds:F1} s  ETA {Duration(p.Remaining)}[/]");

    private static string Percent(string label, double value) => double.IsNaN(value)
        ? "" : string.Create(CultureInfo.InvariantCulture, $"  {label} {value * 100:F1} %");

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}"
        : $"{(int)t.TotalMinutes}:{t.Seconds:00}";
}
