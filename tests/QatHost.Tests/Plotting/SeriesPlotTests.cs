using QatHost.Sdk;
using QatHost.Sdk.Plotting;

namespace QatHost.Tests.Plotting;

/// <summary><see cref="Plots.Series"/>: what <c>qathost sweep</c> draws per metric.</summary>
public sealed class SeriesPlotTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-series-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Lines_with_error_bars_and_categorical_x_are_a_png()
    {
        string path = Path.Combine(folder, "accuracy.png");

        Plots.Series(
        [
            new PlotSeries("method=ptq", [2, 4], [65.3, 82.5], [12.0, 0.8]),
            new PlotSeries("method=qat", [2, 4], [73.6, 83.3], [4.7, 1.7]),
            new PlotSeries("float", [0, 1, 2], [80, 81, 82]),
        ], path, "bits", "accuracy", title: "accuracy", xTicks: ["a", "b", "c"]);

        File.ReadAllBytes(path).Take(8).ShouldBe(PngSignature);
        Directory.GetFiles(folder).ShouldBe([path]);
    }

    [Fact]
    public void Mismatched_lengths_name_the_series_and_write_nothing()
    {
        string path = Path.Combine(folder, "bad.png");

        Should.Throw<QatHostException>(() => Plots.Series([new PlotSeries("qat", [2, 4], [1.0])], path, "bits", "accuracy"))
            .Message.ShouldBe($"{path}: series \"qat\" has 2 x values but 1 y values.");
        Should.Throw<QatHostException>(() => Plots.Series([new PlotSeries("qat", [], [])], path, "bits", "accuracy"))
            .Message.ShouldBe($"{path}: nothing to plot; every series is empty.");
        Directory.GetFiles(folder).ShouldBeEmpty();
    }
}
