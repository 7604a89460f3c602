using static TorchSharp.torch;

namespace QatHost.Sdk.Data;

/// <summary>Built-in synthetic temporal tasks for examples and tests, deterministic from their seed.</summary>
public static class Tasks
{
    /// <summary>
    /// Classify frozen Poisson-noise spike patterns. Each class has one fixed random spike pattern (its
    /// template, <paramref name="rate"/> Hz per channel); every sample is its class's template with each spike
    /// dropped with probability <c>difficulty / 2</c> and background spikes added at <c>difficulty × rate</c>.
    /// No single time step identifies the class: a network has to integrate evidence over time.
    /// </summary>
    /// <param name="classes">Number of classes (templates), at least 2.</param>
    /// <param name="channels">Input channels <c>C</c>.</param>
    /// <param name="steps">Time steps <c>T</c> per sample (1 ms each).</param>
    /// <param name="samples">Number of samples <c>N</c>, spread evenly over the classes.</param>
    /// <param name="rate">Template firing rate in Hz per channel (probability <c>rate × 1 ms</c> per step).</param>
    /// <param name="difficulty">0 gives the templates exactly; 1 drops half their spikes and adds as many noise
    /// spikes as the template has. Between 0 and 1.</param>
    /// <param name="seed">Seed of the templates and of the noise.</param>
    /// <returns>Inputs <c>(N, T, C)</c> of spike counts (0 or 1) and labels <c>(N,)</c>.</returns>
    public static Dataset FrozenNoise(int classes = 4, int channels = 16, int steps = 100, int samples = 400,
        double rate = 50, double difficulty = 0.5, long seed = 0)
    {
        const string me = "Tasks.FrozenNoise";
        if (classes < 2) throw new QatHostException($"{me}: classes = {classes} must be at least 2.");
        if (channels < 1 || steps < 1) throw new QatHostException($"{me}: channels and steps must be positive; got {channels} and {steps}.");
        if (samples < classes) throw new QatHostException($"{me}: samples = {samples} must be at least classes = {classes}.");
        if (!(rate > 0 && rate <= 1000)) throw new QatHostException($"{me}: rate = {rate} must be in (0, 1000] Hz (at most one spike per 1 ms step).");
        if (!(difficulty >= 0 && difficulty <= 1)) throw new QatHostException($"{me}: difficulty = {difficulty} must be between 0 and 1.");

        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        double p = rate / 1000.0;
        var templates = (rand([classes, steps, channels], generator: generator) < p).to_type(ScalarType.Float32);
        var labels = arange(samples, ScalarType.Int64) % classes;
        var kept = templates.index_select(0, labels) * (rand([samples, steps, channels], generator: generator) >= difficulty / 2);
        var noise = rand([samples, steps, channels], generator: generator) < difficulty * p;
        var inputs = maximum(kept, noise.to_type(ScalarType.Float32));
        var order = Dataset.PermutationArray(samples, seed);
        var shuffled = tensor(order);
        return Dataset.FromTensors(inputs.index_select(0, shuffled), labels.index_select(0, shuffled), classes,
            $"{me}(classes: {classes}, channels: {channels}, steps: {steps}, difficulty: {difficulty}, seed: {seed})");
    }

    /// <summary>
    /// A regression task for trace losses: Poisson input spikes and, as target, a leaky running sum of the
    /// first input channel (time constant <paramref name="tau"/> steps), scaled to about 1.
    /// </summary>
    /// <param name="channels">Input channels <c>C</c>.</param>
    /// <param name="steps">Time steps <c>T</c>.</param>
    /// <param name="samples">Number of samples <c>N</c>.</param>
    /// <param name="rate">Input firing rate in Hz per channel.</param>
    /// <param name="tau">Time constant of the target's leak, in steps.</param>
    /// <param name="seed">Seed of the input spikes.</param>
    /// <returns>Inputs <c>(N, T, C)</c> and targets <c>(N, T, 1)</c>.</returns>
    public static Dataset LeakyIntegrator(int channels = 4, int steps = 50, int samples = 64, double rate = 100,
        double tau = 10, long seed = 0)
    {
        const string me = "Tasks.LeakyIntegrator";
        if (channels < 1 || steps < 1 || samples < 1)
            throw new QatHostException($"{me}: channels, steps and samples must be positive; got {channels}, {steps} and {samples}.");
        if (!(tau > 0)) throw new QatHostException($"{me}: tau = {tau} must be positive.");
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var inputs = (rand([samples, steps, channels], generator: generator) < rate / 1000.0).to_type(ScalarType.Float32);
        double decay = Math.Exp(-1 / tau);
        var trace = zeros(samples, 1);
        var traces = new List<Tensor>();
        for (int t = 0; t < steps; t++)
        {
            trace = trace * decay + inputs.select(1, t).narrow(1, 0, 1);
            traces.Add(trace);
        }
        var targets = stack(traces, 1) * (1 - decay) * (1000.0 / rate);
        return Dataset.FromTensors(inputs, targets, source: $"{me}(channels: {channels}, steps: {steps}, seed: {seed})");
    }
}
