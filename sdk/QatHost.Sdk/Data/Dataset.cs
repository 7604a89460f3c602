using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Data;

/// <summary>
/// Samples for training and evaluation: inputs <c>(N, T, C)</c> (time steps by channels, as
/// <c>Evolve</c> takes them) and targets, either class labels <c>(N,)</c> or target traces <c>(N, T, Cout)</c>.
/// A dataset owns copies of its tensors; datasets made from it (<see cref="Split"/>, <see cref="Take"/>) own theirs.
/// </summary>
/// <example><code>
/// var data = Tasks.FrozenNoise(classes: 4, channels: 16, seed: 1);
/// var (train, test) = data.Split(testFraction: 0.25, seed: 1);
/// Print(train);   // Dataset: 300 samples of (100, 16), 4 classes
/// </code></example>
public sealed class Dataset : IDisposable
{
    private Dataset(Tensor inputs, Tensor targets, long classes, string source)
    {
        Inputs = inputs;
        Targets = targets;
        Classes = classes;
        Source = source;
    }

    /// <summary>The inputs, float32 <c>(N, T, C)</c>.</summary>
    public Tensor Inputs { get; }

    /// <summary>Class labels, int64 <c>(N,)</c>, or target traces, float32 <c>(N, T, Cout)</c>.</summary>
    public Tensor Targets { get; }

    /// <summary>The number of classes for labelled data (largest label + 1, or as given); 0 for target traces.</summary>
    public long Classes { get; }

    /// <summary>Where the data came from (a file path or a task), as used in error messages.</summary>
    public string Source { get; }

    /// <summary>Whether the targets are class labels (else they are target traces).</summary>
    public bool HasLabels => Targets.dim() == 1;

    /// <summary>Number of samples <c>N</c>.</summary>
    public long Count => Inputs.shape[0];

    /// <summary>Time steps per sample <c>T</c>.</summary>
    public long Steps => Inputs.shape[1];

    /// <summary>Input channels per time step <c>C</c>.</summary>
    public long Channels => Inputs.shape[2];

    /// <summary>
    /// A dataset from tensors: inputs <c>(N, T, C)</c> and either integer labels <c>(N,)</c> or float target
    /// traces <c>(N, T, Cout)</c>. The tensors are copied (inputs as float32, labels as int64).
    /// </summary>
    /// <param name="inputs">Inputs <c>(N, T, C)</c>.</param>
    /// <param name="targets">Labels <c>(N,)</c> (whole numbers from 0) or traces <c>(N, T, Cout)</c>.</param>
    /// <param name="classes">Number of classes; default largest label + 1.</param>
    /// <param name="source">A name for error messages, e.g. the file the data came from.</param>
    /// <exception cref="QatHostException">Shapes do not fit, there are no samples, or labels are not whole numbers from 0.</exception>
    public static Dataset FromTensors(Tensor inputs, Tensor targets, long? classes = null, string source = "Dataset")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.dim() != 3)
            throw new QatHostException($"{source}: inputs have shape {Shapes.Format(inputs.shape)}; expected (samples, time steps, channels).");
        if (inputs.shape[0] == 0)
            throw new QatHostException($"{source}: the dataset is empty (inputs have shape {Shapes.Format(inputs.shape)}).");
        if (targets.shape.Length == 0 || targets.shape[0] != inputs.shape[0])
            throw new QatHostException(
                $"{source}: inputs hold {inputs.shape[0]} samples but targets have shape {Shapes.Format(targets.shape)}; " +
                "targets must be labels (N,) or traces (N, T, Cout) for the same N.");
        var x = Owned(inputs.detach().to_type(ScalarType.Float32).clone());
        if (!isfinite(x).all().item<bool>())
            throw new QatHostException($"{source}: inputs contain NaN or infinity.");
        return targets.dim() switch
        {
            1 => Labelled(x, targets, classes, source),
            3 when targets.shape[1] == inputs.shape[1] =>
                new Dataset(x, Owned(targets.detach().to_type(ScalarType.Float32).clone()), 0, source),
            _ => throw new QatHostException(
                $"{source}: targets have shape {Shapes.Format(targets.shape)}; expected labels ({inputs.shape[0]},) " +
                $"or traces ({inputs.shape[0]}, {inputs.shape[1]}, outputs)."),
        };
    }

    /// <summary>Reads a dataset from an <c>.npz</c> archive holding arrays <c>inputs</c> <c>(N, T, C)</c> and
    /// <c>labels</c> <c>(N,)</c> (or <c>targets</c> <c>(N, T, Cout)</c>), or from two <c>.npy</c> files.</summary>
    /// <param name="path">An <c>.npz</c> file, or the <c>.npy</c> file of the inputs.</param>
    /// <param name="targetsPath">With an <c>.npy</c> input file: the <c>.npy</c> file of labels or target traces.</param>
    /// <param name="classes">Number of classes; default largest label + 1.</param>
    /// <exception cref="QatHostException">A file is missing or unreadable, or the arrays do not fit; the message names the file.</exception>
    public static Dataset Load(string path, string? targetsPath = null, long? classes = null) =>
        DatasetFiles.Load(path, targetsPath, classes);

    /// <summary>Splits into a training and a test set after shuffling with <paramref name="seed"/>.</summary>
    /// <param name="testFraction">Share of samples in the test set, between 0 and 1 (both sets must be non-empty).</param>
    /// <param name="seed">Seed of the shuffle, so a split repeats exactly.</param>
    public (Dataset Train, Dataset Test) Split(double testFraction = 0.2, long seed = 0)
    {
        long test = (long)Math.Round(Count * testFraction);
        if (!(testFraction > 0 && testFraction < 1) || test == 0 || test == Count)
            throw new QatHostException(
                $"{Source}: cannot split {Count} samples with testFraction {testFraction}: both parts need at least one sample.");
        using var scope = NewDisposeScope();
        var order = Permutation(Count, seed);
        return (Select(order.slice(0, test, Count, 1), Source + " (train)"), Select(order.slice(0, 0, test, 1), Source + " (test)"));
    }

    /// <summary>The first <paramref name="count"/> samples (all if there are fewer) as a new dataset.</summary>
    /// <exception cref="QatHostException"><paramref name="count"/> is below 1 (a dataset is never empty).</exception>
    public Dataset Take(long count)
    {
        if (count < 1)
            throw new QatHostException($"{Source}: Take({count}): count must be at least 1; a dataset holds at least one sample.");
        using var scope = NewDisposeScope();
        return Select(arange(Math.Min(count, Count)), Source);
    }

    /// <summary>
    /// The samples in batches of <paramref name="batchSize"/> (the last may be smaller), shuffled with
    /// <paramref name="shuffleSeed"/> or in order when it is null. Each batch's tensors belong to the dispose
    /// scope open when the batch is produced: open one per batch.
    /// </summary>
    public IEnumerable<Batch> Batches(int batchSize, long? shuffleSeed = null)
    {
        if (batchSize <= 0) throw new QatHostException($"{Source}: batchSize must be positive; got {batchSize}.");
        long[] order = shuffleSeed is { } seed ? PermutationArray(Count, seed) : Enumerable.Range(0, (int)Count).Select(i => (long)i).ToArray();
        int batches = BatchCount(batchSize);
        for (int b = 0; b < batches; b++)
        {
            var indices = tensor(order.Skip(b * batchSize).Take(batchSize).ToArray());
            yield return new Batch(b, batches, Inputs.index_select(0, indices), Targets.index_select(0, indices));
        }
    }

    /// <summary>The number of batches <see cref="Batches"/> yields for <paramref name="batchSize"/>.</summary>
    public int BatchCount(int batchSize) => (int)((Count + batchSize - 1) / batchSize);

    /// <summary>One sample's input <c>(T, C)</c>, as <c>Evolve</c> takes it.</summary>
    public Tensor Sample(long index) => index >= 0 && index < Count
        ? Inputs[index]
        : throw new QatHostException($"{Source}: no sample {index}; the dataset has {Count} (0 to {Count - 1}).");

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }

    /// <summary>For example <c>Dataset: 300 samples of (100, 16), 4 classes</c>.</summary>
    public override string ToString() =>
        $"Dataset: {Count} samples of ({Steps}, {Channels}), " +
        (HasLabels ? $"{Classes} classes" : $"target traces of {Targets.shape[2]} channels") + $" [{Source}]";

    /// <summary>A permutation of <c>0..n-1</c> drawn from its own generator, so it never disturbs torch's global one.</summary>
    internal static long[] PermutationArray(long n, long seed)
    {
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var order = Enumerable.Range(0, (int)n).Select(i => (long)i).ToArray();
        random.Shuffle(order);
        return order;
    }

    private static Tensor Permutation(long n, long seed) => tensor(PermutationArray(n, seed));

    private Dataset Select(Tensor indices, string source) =>
        new(Owned(Inputs.index_select(0, indices)), Owned(Targets.index_select(0, indices)), Classes, source);

    private static Dataset Labelled(Tensor inputs, Tensor labels, long? classes, string source)
    {
        if (labels.dtype is ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16
            && !(labels == labels.floor()).all().item<bool>())
            throw new QatHostException($"{source}: labels must be whole numbers (class indices); found {labels.dtype} values with fractions.");
        var y = Owned(labels.detach().to_type(ScalarType.Int64).clone());
        long min = y.min().item<long>(), max = y.max().item<long>();
        if (min < 0)
            throw new QatHostException($"{source}: label {min} at sample {y.argmin().item<long>()} is negative; labels are class indices from 0.");
        long count = classes ?? max + 1;
        if (max >= count)
            throw new QatHostException(
                $"{source}: label {max} at sample {y.argmax().item<long>()} is out of range for {count} classes (0 to {count - 1}).");
        return new Dataset(inputs, y, count, source);
    }

    private static Tensor Owned(Tensor tensor)
    {
        tensor.DetachFromDisposeScope();
        return tensor;
    }
}
