using QatHost.Sdk;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Plotting;
using QatHost.Tests.Training;
using static QatHost.Sdk.Training.Trainer;
using static TorchSharp.torch;

namespace QatHost.Tests.Plotting;

/// <summary>Plots are complete PNG files where asked, and nothing else is left behind.</summary>
public sealed class PlotsTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-plots-").FullName;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("QATHOST_KEEP_PLOTS") is { } keep)
            foreach (var file in Directory.GetFiles(folder)) File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
        Directory.Delete(folder, recursive: true);
    }

    private void ShouldBeTheOnlyPng(string path)
    {
        File.ReadAllBytes(path).Take(8).ShouldBe(PngSignature);
        Directory.GetFiles(folder).ShouldBe([path], ignoreOrder: true);
    }

    [Fact]
    public void Training_curves_of_a_run_are_a_png()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        var run = Train(TrainerTests.TinyNetwork(), data, epochs: 3, batchSize: 4, test: data, families: ["weights"]);
        string path = Path.Combine(folder, "curves.png");

        Plots.TrainingCurves(run, path);

        ShouldBeTheOnlyPng(path);
    }

    // Issue 12.24
    [Fact]
    public void Training_curves_have_whole_epochs_on_the_x_axis_and_the_legend_outside_the_data_area()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        var run = Train(TrainerTests.TinyNetwork(), data, epochs: 3, batchSize: 4, test: data);
        var plot = Plots.TrainingCurvesPlot(run);

        plot.GetImageBytes(800, 500, ScottPlot.ImageFormat.Png);

        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
        ticks.ShouldNotBeEmpty();
        ticks.ShouldAllBe(t => t.Position == Math.Round(t.Position));
        plot.Legend.IsVisible.ShouldBeFalse(); // the in-plot legend is off: a panel below the data area shows it
    }

    [Fact]
    public void A_spike_raster_of_a_recorded_evolution_is_a_png()
    {
        using var data = TrainerTests.TinyTask(samples: 2);
        var net = TrainerTests.TinyNetwork();
        var record = net.Evolve(data.Sample(0), record: true).Record;
        string path = Path.Combine(folder, "raster.png");

        Plots.SpikeRaster(record.Subtree("1_LIFTorch")["spikes"], path, title: "hidden layer");

        ShouldBeTheOnlyPng(path);
    }

    [Fact]
    public void A_histogram_of_weights_before_and_after_rounding_is_a_png()
    {
        var net = TrainerTests.TinyNetwork();
        var before = Plots.ParameterValues(net, "weights");
        net.Param("weights").Apply(TestTransforms.Deterministic(levels: 8));
        net.BurnIn();
        string path = Path.Combine(folder, "weights.png");

        Plots.Histogram(before, Plots.ParameterValues(net, "weights"), path, title: "weights, 3 bits");

        ShouldBeTheOnlyPng(path);
    }

    [Fact]
    public void A_plot_to_a_name_that_is_not_png_is_refused_and_nothing_is_written()
    {
        string path = Path.Combine(folder, "raster.jpg");

        var error = Should.Throw<QatHostException>(() => Plots.SpikeRaster(ones(5, 2), path));

        error.Message.ShouldBe($"{path}: plots are written as PNG; use a file name ending in .png.");
        Directory.GetFiles(folder).ShouldBeEmpty();
    }
}
