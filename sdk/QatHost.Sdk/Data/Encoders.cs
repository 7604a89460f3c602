using System.Globalization;
using static TorchSharp.torch;

namespace QatHost.Sdk.Data;

/// <summary>
/// Encoders from images <c>(N, H, W)</c> (pixels in [0, 1]) to spike-network inputs <c>(N, T, C)</c>; pass one to
/// <see cref="Datasets.Mnist"/>. The maths of each is in its summary and in docs/qat-study.md.
/// </summary>
public static class Encoders
{
    /// <summary>The most input channels <see cref="RowsAsTime"/> makes: the 16 inputs of a Xylo chip.</summary>
    public const int MaxRowChannels = 16;

    /// <summary>
    /// Rows as time: image row <c>t</c> is time step <c>t</c> (so <c>T = H</c>), and its <c>W</c> columns are
    /// average-pooled into <paramref name="channels"/> bins, bin <c>j</c> covering columns
    /// <c>floor(j·W/C)</c> to <c>ceil((j+1)·W/C) - 1</c> (adaptive average pooling; 28 columns into 16 channels
    /// gives bins of 2 or 3 columns, overlapping by one column where 28/16 is not whole):
    /// <c>x[n, t, j] = mean_{w in bin j} image[n, t, w]</c>, in [0, 1].
    /// With <paramref name="maxCount"/> = k the value becomes an integer event count <c>round(k · x)</c> (half to
    /// even), 0 to k events per step, as an event-driven chip such as Xylo takes it (at most 15 per step).
    /// </summary>
    /// <param name="channels">Input channels, 1 to 16.</param>
    /// <param name="maxCount">Events per step for a white bin (1 to 15), or null for the analog mean.</param>
    /// <exception cref="QatHostException">An argument out of range (named).</exception>
    public static ImageEncoder RowsAsTime(int channels = MaxRowChannels, int? maxCount = null)
    {
        const string me = "Encoders.RowsAsTime";
        if (channels is < 1 or > MaxRowChannels)
            throw new QatHostException($"{me}: channels = {channels} must be between 1 and {MaxRowChannels} (Xylo's inputs).");
        if (maxCount is { } k && k is < 1 or > 15)
            throw new QatHostException($"{me}: maxCount = {k} must be between 1 and 15 events per step, or null for analog input.");
        string description = Describe(me, ("channels", channels, channels != MaxRowChannels), ("maxCount", maxCount, maxCount is not null));
        return new ImageEncoder(description, (_, w) => Math.Min(channels, w), h => h, images =>
        {
            long width = images.shape[2];
            if (channels > width)
                throw new QatHostException($"{description}: {channels} channels from images {width} columns wide; at most {width}.");
            using var scope = NewDisposeScope();
            var pooled = nn.functional.adaptive_avg_pool1d(images, channels);          // (N, H, C), rows stay time
            if (maxCount is { } count) pooled = (pooled * count).round();
            return pooled.contiguous().MoveToOuterDisposeScope();
        });
    }

    /// <summary>
    /// Rate coding over <paramref name="steps"/> steps: the image is first average-pooled in blocks of
    /// <paramref name="pool"/> × <paramref name="pool"/> pixels and flattened row by row to
    /// <c>C = (H/pool)·(W/pool)</c> channels of intensity <c>x_c</c>; then every channel spikes independently at
    /// every step with probability <c>p_c = maxProbability · x_c</c>: <c>s[n, t, c] ~ Bernoulli(p_c)</c>, so the
    /// expected count over T steps is <c>T · p_c</c>. Draws come from a generator seeded with
    /// <paramref name="seed"/> at each <see cref="ImageEncoder.Encode"/>, so the encoding is frozen and repeatable.
    /// </summary>
    /// <param name="steps">Time steps T, 1 to 1000.</param>
    /// <param name="pool">Block size, 1 (no pooling) or a divisor of both image sides.</param>
    /// <param name="maxProbability">Spike probability per step of a white pixel, in (0, 1].</param>
    /// <param name="seed">Seed of the spike draws.</param>
    /// <exception cref="QatHostException">An argument out of range (named).</exception>
    public static ImageEncoder Rate(int steps = 10, int pool = 1, double maxProbability = 1.0, long seed = 0)
    {
        const string me = "Encoders.Rate";
        CheckSteps(me, steps);
        CheckPool(me, pool);
        if (!(maxProbability > 0 && maxProbability <= 1))
            throw new QatHostException($"{me}: maxProbability = {Text(maxProbability)} must be in (0, 1].");
        string description = Describe(me, ("steps", steps, true), ("pool", pool, pool != 1),
            ("maxProbability", maxProbability, maxProbability != 1.0), ("seed", seed, seed != 0));
        return new ImageEncoder(description, (h, w) => h / pool * (w / pool), _ => steps, images =>
        {
            using var scope = NewDisposeScope();
            var p = Pooled(description, images, pool) * maxProbability;                 // (N, C)
            using var generator = new Generator((ulong)seed);
            var draws = rand([p.shape[0], steps, p.shape[1]], generator: generator);
            return (draws < p.unsqueeze(1)).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
        });
    }

    /// <summary>
    /// Direct (analog) coding: after <paramref name="pool"/> × <paramref name="pool"/> average pooling and flattening
    /// (as <see cref="Rate"/>), the intensity <c>x_c</c> is the input of channel c at every one of the T steps,
    /// <c>x[n, t, c] = x_c</c>: the first layer turns it into a constant current and the spiking neurons do the coding.
    /// Deterministic; the noise-free counterpart of rate coding (whose expected input it equals with maxProbability 1).
    /// </summary>
    /// <param name="steps">Time steps T, 1 to 1000.</param>
    /// <param name="pool">Block size, 1 or a divisor of both image sides.</param>
    /// <exception cref="QatHostException">An argument out of range (named).</exception>
    public static ImageEncoder Direct(int steps = 10, int pool = 1)
    {
        const string me = "Encoders.Direct";
        CheckSteps(me, steps);
        CheckPool(me, pool);
        string description = Describe(me, ("steps", steps, true), ("pool", pool, pool != 1));
        return new ImageEncoder(description, (h, w) => h / pool * (w / pool), _ => steps, images =>
        {
            using var scope = NewDisposeScope();
            var x = Pooled(description, images, pool);
            return x.unsqueeze(1).expand(x.shape[0], steps, x.shape[1]).contiguous().MoveToOuterDisposeScope();
        });
    }

    /// <summary>
    /// Latency coding: after <paramref name="pool"/> × <paramref name="pool"/> average pooling and flattening
    /// (as <see cref="Rate"/>), each channel of intensity <c>x_c ≥ threshold</c> spikes once, at step
    /// <c>t_c = round((1 - x_c) · (T - 1))</c> (half to even): white pixels at step 0, pixels at the threshold
    /// latest; channels below the threshold stay silent. Deterministic.
    /// </summary>
    /// <param name="steps">Time steps T, 2 to 1000.</param>
    /// <param name="pool">Block size, 1 or a divisor of both image sides.</param>
    /// <param name="threshold">Smallest intensity that spikes, in (0, 1].</param>
    /// <exception cref="QatHostException">An argument out of range (named).</exception>
    public static ImageEncoder Latency(int steps = 10, int pool = 1, double threshold = 0.2)
    {
        const string me = "Encoders.Latency";
        if (steps < 2) throw new QatHostException($"{me}: steps = {steps} must be at least 2 (one step cannot code a latency).");
        CheckSteps(me, steps);
        CheckPool(me, pool);
        if (!(threshold > 0 && threshold <= 1))
            throw new QatHostException($"{me}: threshold = {Text(threshold)} must be in (0, 1].");
        string description = Describe(me, ("steps", steps, true), ("pool", pool, pool != 1), ("threshold", threshold, threshold != 0.2));
        return new ImageEncoder(description, (h, w) => h / pool * (w / pool), _ => steps, images =>
        {
            using var scope = NewDisposeScope();
            var x = Pooled(description, images, pool);                                  // (N, C)
            var when = ((1 - x) * (steps - 1)).round().to_type(ScalarType.Int64).clamp(0, steps - 1);
            var fires = (x >= threshold).unsqueeze(1);                                  // (N, 1, C)
            var time = arange(steps, ScalarType.Int64).view(1, steps, 1);
            return (time.eq(when.unsqueeze(1)) & fires).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
        });
    }

    private static Tensor Pooled(string description, Tensor images, int pool)
    {
        long h = images.shape[1], w = images.shape[2];
        if (h % pool != 0 || w % pool != 0)
            throw new QatHostException($"{description}: pool = {pool} does not divide the image size {h}x{w}.");
        var x = pool == 1 ? images : nn.functional.avg_pool2d(images.unsqueeze(1), pool).squeeze(1);
        return x.reshape(images.shape[0], -1);
    }

    private static void CheckSteps(string me, int steps)
    {
        if (steps is < 1 or > 1000) throw new QatHostException($"{me}: steps = {steps} must be between 1 and 1000.");
    }

    private static void CheckPool(string me, int pool)
    {
        if (pool is < 1 or > 28) throw new QatHostException($"{me}: pool = {pool} must be between 1 and 28 and divide the image sides.");
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(string name, params (string Name, object? Value, bool Show)[] arguments) =>
        $"{name}({string.Join(", ", arguments.Where(a => a.Show).Select(a => $"{a.Name}: {(a.Value is double d ? Text(d) : a.Value)}"))})";
}
