using QatHost.Sdk.Engine;
using QatHost.Sdk.Training;
using QatHost.Sdk.Trees;
using ScottPlot;
using static TorchSharp.torch;

namespace QatHost.Sdk.Plotting;

/// <summary>
/// PNG plots a script asks for by name: training curves, a spike raster, and a histogram of a parameter
/// family before and after quantisation. Each file is written atomically (complete or not at all); nothing
/// is written unless a method here is called.
/// </summary>
/// <example><code>
/// Plots.TrainingCurves(run, "out/curves.png");
/// Plots.SpikeRaster(net.Evolve(data.Sample(0), record: true).Output, "out/raster.png");
/// var before = Plots.ParameterValues(net, "weights");
/// net.BurnIn();
/// Plots.Histogram(before, Plots.ParameterValues(net, "weights"), "out/weights.png", title: "weights");
/// </code></example>
public static class Plots
{
    /// <summary>Loss (left axis) and accuracy in % (right axis, training and test when measured) per epoch; whole
    /// epochs on the x axis, the legend below the plot where it hides no line.</summary>
    public static void TrainingCurves(TrainingRun run, string path, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.History.Count == 0) throw new QatHostException($"{path}: the training run has no epochs to plot.");
        Write(TrainingCurvesPlot(run), path, width, height);
    }

    internal static Plot TrainingCurvesPlot(TrainingRun run)
    {
        var plot = new Plot();
        double[] epochs = run.History.Select(r => (double)r.Epoch).ToArray();
        Line(plot, epochs, run.History.Select(r => r.Loss), "training loss", right: false);
        if (run.History.Any(r => r.TestLoss is not null))
            Line(plot, epochs, run.History.Select(r => r.TestLoss ?? double.NaN), "test loss", right: false);
        if (run.History.Any(r => !double.IsNaN(r.Accuracy)))
        {
            Line(plot, epochs, run.History.Select(r => r.Accuracy * 100), "training accuracy", right: true);
            if (run.History.Any(r => r.TestAccuracy is not null))
                Line(plot, epochs, run.History.Select(r => (r.TestAccuracy ?? double.NaN) * 100), "test accuracy", right: true);
            plot.Axes.Right.Label.Text = "accuracy (%)";
        }
        plot.Title($"{(run.Label is null ? "" : run.Label + ": ")}{run.Optimizer}, {run.Loss}");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>A dot for every (time step, neuron) with at least one spike.</summary>
    /// <param name="spikes">Spike counts <c>(T, N)</c>, or <c>(B, T, N)</c> of which the first sample is drawn.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="title">The plot title.</param>
    /// <param name="dt">Time step in seconds, for the time axis.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void SpikeRaster(Tensor spikes, string path, string title = "spikes", double dt = 1e-3, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        using var scope = NewDisposeScope();
        var s = spikes.dim() switch
        {
            2 => spikes,
            3 => spikes[0],
            _ => throw new QatHostException($"{path}: spikes have shape {Shapes.Format(spikes.shape)}; expected (T, N) or (B, T, N)."),
        };
        var events = nonzero(s.detach() > 0).to_type(ScalarType.Float64);
        double[] times = (events[.., 0] * (dt * 1000)).data<double>().ToArray();
        double[] neurons = events[.., 1].data<double>().ToArray();
        var plot = new Plot();
        var markers = plot.Add.Markers(times, neurons, MarkerShape.VerticalBar, size: 6, color: Colors.Black);
        markers.MarkerLineWidth = 1.5f;
        plot.Axes.SetLimits(0, s.shape[0] * dt * 1000, -0.5, s.shape[1] - 0.5);
        plot.Title(title);
        plot.XLabel("time (ms)");
        plot.YLabel("neuron");
        Write(plot, path, width, height);
    }

    /// <summary>Overlaid histograms of values before and after quantisation (or any two sets), on common bins.</summary>
    public static void Histogram(Tensor before, Tensor after, string path, string title = "parameter values", int bins = 60,
        int width = 800, int height = 500) =>
        Write(HistogramFigure(before, after, title, bins, path), path, width, height);

    /// <summary>The figure <see cref="Histogram"/> writes, for a notebook to show inline: <c>Show(Plots.HistogramFigure(before, after))</c>.</summary>
    public static Plot HistogramFigure(Tensor before, Tensor after, string title = "parameter values", int bins = 60) =>
        HistogramFigure(before, after, title, bins, "histogram");

    private static Plot HistogramFigure(Tensor before, Tensor after, string title, int bins, string subject)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        float[] a = before.detach().flatten().to_type(ScalarType.Float32).data<float>().ToArray();
        float[] b = after.detach().flatten().to_type(ScalarType.Float32).data<float>().ToArray();
        if (a.Length == 0 || b.Length == 0) throw new QatHostException($"{subject}: nothing to plot; a set of values is empty.");
        double min = Math.Min(a.Min(), b.Min()), max = Math.Max(a.Max(), b.Max());
        if (max <= min) max = min + 1;
        double width1 = (max - min) / bins;
        var plot = new Plot();
        Bars(plot, a, min, width1, bins, "before", Colors.Blue.WithAlpha(0.5));
        Bars(plot, b, min, width1, bins, "after", Colors.Red.WithAlpha(0.5));
        plot.Title(title);
        plot.XLabel("value");
        plot.YLabel("count");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// One line per series through the mean of its y values at each x, with error bars of ± one standard deviation
    /// (sample, n - 1) and every single value as a faint dot: e.g. accuracy (y) against bits (x) over seeds, per method.
    /// A series with a single x (such as a float baseline) is drawn as a horizontal line across the plot.
    /// </summary>
    /// <param name="points">(series, x, y) triples; repeated (series, x) pairs are the samples averaged.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="title">The plot title.</param>
    /// <param name="xLabel">The x axis label.</param>
    /// <param name="yLabel">The y axis label.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void MeanAndSpread(IEnumerable<(string Series, double X, double Y)> points, string path, string title = "",
        string xLabel = "x", string yLabel = "y", int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(points);
        var all = points.ToList();
        if (all.Count == 0) throw new QatHostException($"{path}: no points to plot.");
        double[] allX = all.Select(p => p.X).Distinct().Order().ToArray();
        var plot = new Plot();
        foreach (var series in all.GroupBy(p => p.Series))
        {
            var groups = series.GroupBy(p => p.X).OrderBy(g => g.Key).ToList();
            double[] xs = groups.Select(g => g.Key).ToArray();
            double[] means = groups.Select(g => g.Average(p => p.Y)).ToArray();
            double[] stds = groups.Select(g => StandardDeviation(g.Select(p => p.Y).ToArray())).ToArray();
            if (xs.Length == 1 && allX.Length > 1)
            {
                var line = plot.Add.HorizontalLine(means[0]);
                line.LegendText = series.Key;
                line.LinePattern = LinePattern.Dashed;
                continue;
            }
            var scatter = plot.Add.Scatter(xs, means);
            scatter.LegendText = series.Key;
            var bars = plot.Add.ErrorBar(xs, means, stds);
            bars.Color = scatter.Color;
            var dots = plot.Add.ScatterPoints(series.Select(p => p.X).ToArray(), series.Select(p => p.Y).ToArray());
            dots.Color = scatter.Color.WithAlpha(0.35);
            dots.MarkerSize = 4;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerRight);
        Write(plot, path, width, height);
    }

    /// <summary>The sample standard deviation (n - 1), 0 for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    /// <summary>The raw values of every parameter of <paramref name="family"/> in the network, as one flat copy
    /// (take it before <c>BurnIn</c> to compare).</summary>
    public static Tensor ParameterValues(Module net, string family)
    {
        ArgumentNullException.ThrowIfNull(net);
        var leaves = net.Parameters(family).Leaves().Select(l => l.Leaf.detach().flatten()).ToArray();
        if (leaves.Length == 0)
            throw new QatHostException(
                $"{net.Path}: no parameter family \"{family}\"; families here: {string.Join(", ", net.ParameterFamilies())}.");
        return cat(leaves).clone();
    }

    /// <summary>Lines of y against x, one per series, with error bars where a series has spreads (e.g. the standard
    /// deviation over seeds): what <c>qathost sweep</c> draws for each metric against the first parameter.</summary>
    /// <param name="series">The lines; each needs as many x as y values.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="xLabel">The x axis label.</param>
    /// <param name="yLabel">The y axis label.</param>
    /// <param name="title">The plot title.</param>
    /// <param name="xTicks">Labels for x = 0, 1, 2, ... when x is a category rather than a number; null for numeric x.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void Series(IReadOnlyList<PlotSeries> series, string path, string xLabel, string yLabel, string? title = null,
        IReadOnlyList<string>? xTicks = null, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0 || series.All(s => s.X.Count == 0)) throw new QatHostException($"{path}: nothing to plot; every series is empty.");
        var plot = new Plot();
        foreach (var s in series)
        {
            if (s.Y.Count != s.X.Count || (s.Spread is { } e && e.Count != s.X.Count))
                throw new QatHostException($"{path}: series \"{s.Label}\" has {s.X.Count} x values but {s.Y.Count} y values" +
                    (s.Spread is null ? "." : $" and {s.Spread.Count} spreads."));
            var line = plot.Add.Scatter(s.X.ToArray(), s.Y.ToArray());
            line.LegendText = s.Label;
            if (s.Spread is { } spread && spread.Any(v => v > 0))
            {
                var bars = plot.Add.ErrorBar(s.X.ToArray(), s.Y.ToArray(), spread.ToArray());
                bars.Color = line.Color;
            }
        }
        if (xTicks is not null)
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, xTicks.Count).Select(i => (double)i).ToArray(), xTicks.ToArray());
        if (title is not null) plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (series.Count > 1 || !string.IsNullOrEmpty(series[0].Label)) plot.ShowLegend(Alignment.LowerRight);
        Write(plot, path, width, height);
    }

    private static void Line(Plot plot, double[] xs, IEnumerable<double> ys, string label, bool right)
    {
        var line = plot.Add.Scatter(xs, ys.ToArray());
        line.LegendText = label;
        if (right) line.Axes.YAxis = plot.Axes.Right;
    }

    private static void Bars(Plot plot, float[] values, double min, double binWidth, int bins, string label, Color color)
    {
        var counts = new double[bins];
        foreach (float v in values) counts[Math.Clamp((int)((v - min) / binWidth), 0, bins - 1)]++;
        var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(i => min + (i + 0.5) * binWidth).ToArray(), counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = binWidth;
            bar.FillColor = color;
            bar.LineWidth = 0;
        }
        bars.LegendText = label;
    }

    private static void Write(Plot plot, string path, int width, int height)
    {
        if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            throw new QatHostException($"{path}: plots are written as PNG; use a file name ending in .png.");
        if (width < 100 || height < 100) throw new QatHostException($"{path}: a plot needs at least 100 × 100 pixels; got {width} × {height}.");
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, temp => File.WriteAllBytes(temp, png));
    }
}
