using System.Diagnostics;
using System.Globalization;
using QatHost.Cli.Rendering;
using QatHost.Sdk.Sweeps;
using Spectre.Console;

namespace QatHost.Cli.Sweeps;

/// <summary>
/// Live progress of a sweep on standard error: a line per ended trial (its metrics, or its exit code and the tail of
/// its standard error) and, on a terminal, a status line redrawn in place: done, running, queued, failed, ETA.
/// When standard error is redirected only the lines are written, plainly.
/// </summary>
public sealed class SweepProgress(int toRun)
{
    private const int TailLines = 6;
    private readonly IAnsiConsole console = Terminal.Error;
    private readonly bool live = !Console.IsErrorRedirected;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly HashSet<string> ended = new(StringComparer.Ordinal);
    private int failed;
    private bool statusShown;

    /// <summary>Shows the trials that ended since the last call and the status line.</summary>
    public void Update(IReadOnlyList<TrialRow> rows, IReadOnlyList<TrialRow> newlyEnded)
    {
        ClearStatus();
        foreach (var row in newlyEnded)
        {
            if (!ended.Add(row.Trial.Id)) continue;
            if (row.State == TrialState.Failed) failed++;
            Ended(row);
        }
        if (!live) return;
        int running = rows.Count(r => r.State == TrialState.Running), queued = rows.Count(r => r.State == TrialState.Queued);
        string eta = ended.Count == 0 || ended.Count >= toRun ? "?" : Duration(clock.Elapsed / ended.Count * (toRun - ended.Count));
        console.Markup(string.Create(CultureInfo.InvariantCulture,
            $"[bold]sweep[/] {ended.Count}/{toRun} done  [blue]{running} running[/]  {queued} queued  " +
            $"{(failed > 0 ? $"[red]{failed} failed[/]" : "0 failed")}  [grey]{Duration(clock.Elapsed)} elapsed, ETA {eta}[/]"));
        statusShown = true;
    }

    /// <summary>Removes the status line.</summary>
    public void ClearStatus()
    {
        if (!statusShown) return;
        console.Write(new ControlCode("\r\u001b[2K"));
        statusShown = false;
    }

    /// <summary>A line on standard error (status line cleared first).</summary>
    public void Note(string text)
    {
        ClearStatus();
        console.WriteLine(text, Style.Plain);
    }

    private void Ended(TrialRow row)
    {
        var result = row.Result!;
        string seconds = double.IsFinite(result.Seconds) ? string.Create(CultureInfo.InvariantCulture, $"  ({result.Seconds:F1} s)") : "";
        if (row.State == TrialState.Completed)
        {
            string metrics = string.Join("  ", result.Metrics.Select(m => $"{m.Key} {SweepResults.Format(m.Value)}"));
            console.MarkupLine($"[green]✓[/] {row.Trial.Id} {Markup.Escape(row.Trial.Describe())}  {Markup.Escape(metrics)}[grey]{seconds}[/]");
            return;
        }
        string exit = result.ExitCode is { } code ? $"exit {code}" : "lost (no result)";
        console.MarkupLine($"[red]✗[/] {row.Trial.Id} {Markup.Escape(row.Trial.Describe())}  [red]{exit}[/][grey]{seconds}[/]");
        foreach (string line in (result.ErrorTail ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(TailLines))
            console.WriteLine($"    {row.Trial.Id} | {line}", new Style(Color.Grey));
    }

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}"
        : $"{(int)t.TotalMinutes}:{t.Seconds:00}";
}
