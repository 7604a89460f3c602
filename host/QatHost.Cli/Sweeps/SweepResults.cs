using System.Globalization;
using System.Text;
using QatHost.Sdk;
using QatHost.Sdk.Plotting;
using QatHost.Sdk.Sweeps;

namespace QatHost.Cli.Sweeps;

/// <summary>A trial of the grid and where it stands: its result when it has ended.</summary>
public sealed record TrialRow(TrialSpec Trial, TrialState State, TrialResult? Result);

/// <summary>One row of the summary: a point of the grid without <c>seed</c>, with each metric's mean and standard
/// deviation over the seeds that completed.</summary>
public sealed record SummaryRow(IReadOnlyList<KeyValuePair<string, string>> Parameters, int Completed, int Total,
    IReadOnlyDictionary<string, (double Mean, double Std, int N)> Metrics);

/// <summary>
/// What a sweep produced, from the trial folders: <c>results.csv</c> (one row per trial of the grid: id, each
/// parameter, each metric, status, seconds, exit code), the summary over seeds, and a plot per metric.
/// </summary>
public static class SweepResults
{
    /// <summary>The results table's file name in the sweep folder.</summary>
    public const string CsvName = "results.csv";

    /// <summary>The parameter averaged over in the summary and plots.</summary>
    public const string SeedParameter = "seed";

    /// <summary>Every metric any trial reported, in the order first seen along the grid.</summary>
    public static IReadOnlyList<string> MetricNames(IEnumerable<TrialRow> rows) =>
        rows.SelectMany(r => r.Result?.Metrics.Select(m => m.Key) ?? []).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The results table as CSV text (invariant culture, metrics with round-trip precision).</summary>
    public static string Csv(SweepGrid grid, IReadOnlyList<TrialRow> rows)
    {
        var metrics = MetricNames(rows);
        var text = new StringBuilder();
        text.AppendJoin(',', new[] { "id" }.Concat(grid.Parameters.Select(p => p.Key)).Concat(metrics)
            .Concat(["status", "seconds", "exit_code"]).Select(Quote)).Append('\n');
        foreach (var row in rows)
        {
            var values = row.Result?.Metrics.ToDictionary(m => m.Key, m => m.Value) ?? [];
            text.AppendJoin(',', new[] { row.Trial.Id }
                .Concat(row.Trial.Parameters.Select(p => p.Value))
                .Concat(metrics.Select(m => values.TryGetValue(m, out double v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""))
                .Concat([row.State.ToString().ToLowerInvariant(),
                    row.Result is { Seconds: var s } && double.IsFinite(s) ? s.ToString("F3", CultureInfo.InvariantCulture) : "",
                    row.Result?.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? ""])
                .Select(Quote)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Writes <c>DIR/results.csv</c> atomically: a reader sees the previous table or the new one, never half.</summary>
    public static void WriteCsv(string directory, SweepGrid grid, IReadOnlyList<TrialRow> rows) =>
        AtomicFile.WriteAllText(Path.Combine(directory, CsvName), Csv(grid, rows));

    /// <summary>The summary: one row per point of the grid without <c>seed</c> (every trial when there is no seed).</summary>
    public static IReadOnlyList<SummaryRow> Summary(SweepGrid grid, IReadOnlyList<TrialRow> rows)
    {
        var metrics = MetricNames(rows);
        return rows.GroupBy(r => Key(r.Trial), StringComparer.Ordinal).Select(g =>
        {
            var completed = g.Where(r => r.State == TrialState.Completed).ToList();
            var stats = new Dictionary<string, (double, double, int)>(StringComparer.Ordinal);
            foreach (string metric in metrics)
            {
                var values = completed.SelectMany(r => r.Result!.Metrics.Where(m => m.Key == metric).Select(m => m.Value)).ToList();
                if (values.Count > 0) stats[metric] = MeanStd(values);
            }
            var parameters = g.First().Trial.Parameters.Where(p => p.Key != SeedParameter).ToList();
            return new SummaryRow(parameters, completed.Count, g.Count(), stats);
        }).ToList();
    }

    /// <summary>Mean and sample standard deviation (n - 1; 0 for one value).</summary>
    public static (double Mean, double Std, int N) MeanStd(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return (mean, std, values.Count);
    }

    /// <summary>Draws <c>DIR/plots/&lt;metric&gt;.png</c> for each metric: mean (± std over seeds) against the first
    /// parameter, one line per combination of the others. Returns the files written.</summary>
    public static IReadOnlyList<string> WritePlots(string directory, SweepGrid grid, IReadOnlyList<TrialRow> rows)
    {
        var metrics = MetricNames(rows);
        if (metrics.Count == 0) return [];
        string xName = grid.Parameters[0].Key;
        var xValues = grid.Parameters[0].Value;
        bool numeric = xValues.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        double X(string value) => numeric ? double.Parse(value, CultureInfo.InvariantCulture) : xValues.ToList().IndexOf(value);
        // Summary rows keep x; group them into lines by the remaining (non-seed) parameters.
        var summary = xName == SeedParameter
            ? rows.Select(r => new SummaryRow(r.Trial.Parameters, r.State == TrialState.Completed ? 1 : 0, 1,
                (r.Result?.Metrics ?? []).ToDictionary(m => m.Key, m => (m.Value, 0.0, 1)))).Where(s => s.Completed == 1).ToList()
            : Summary(grid, rows);
        Directory.CreateDirectory(Path.Combine(directory, "plots"));
        var files = new List<string>();
        foreach (string metric in metrics)
        {
            var series = summary.Where(s => s.Metrics.ContainsKey(metric))
                .GroupBy(s => string.Join(" ", s.Parameters.Where(p => p.Key != xName && p.Key != SeedParameter).Select(p => $"{p.Key}={p.Value}")))
                .Select(g =>
                {
                    var points = g.Select(s => (X: X(s.Parameters.First(p => p.Key == xName).Value), s.Metrics[metric])).OrderBy(p => p.X).ToList();
                    return new PlotSeries(g.Key, points.Select(p => p.X).ToList(), points.Select(p => p.Item2.Mean).ToList(),
                        points.Select(p => p.Item2.Std).ToList());
                }).ToList();
            if (series.Count == 0) continue;
            string file = Path.Combine(directory, "plots", FileSafe(metric) + ".png");
            string title = grid.Parameters.Any(p => p.Key == SeedParameter) && xName != SeedParameter ? $"{metric} (mean ± std over {SeedParameter})" : metric;
            Plots.Series(series, file, xName, metric, title, numeric ? null : xValues);
            files.Add(file);
        }
        return files;
    }

    /// <summary>Number formatting for tables: 4 significant digits.</summary>
    public static string Format(double value) => double.IsNaN(value) ? "NaN" : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Key(TrialSpec trial) =>
        string.Join("\n", trial.Parameters.Where(p => p.Key != SeedParameter).Select(p => $"{p.Key}={p.Value}"));

    private static string FileSafe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
