using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>A random LIF layer configuration for comparing the kernels: shapes, leak mode, surrogate, multi-spike
/// cap, recurrence, synapses per neuron, parameter shapes (per neuron or scalar) and noise.</summary>
public sealed record LifConfiguration(int Seed, int Batches, int Steps, int Neurons, int Synapses, LeakMode Mode,
    SpikeGeneration Surrogate, bool Recurrent, double MaxSpikes, double Window, double NoiseStd, bool ScalarParameters)
{
    public static LifConfiguration Random(int seed)
    {
        var random = new Random(seed);
        return new LifConfiguration(seed,
            Batches: random.Next(1, 5), Steps: random.Next(1, 40), Neurons: random.Next(1, 13), Synapses: random.Next(1, 4),
            Mode: (LeakMode)random.Next(3), Surrogate: (SpikeGeneration)random.Next(2), Recurrent: random.Next(2) == 0,
            MaxSpikes: new[] { 1.0, 3.0, 65536.0 }[random.Next(3)], Window: 0.2 + random.NextDouble(),
            NoiseStd: random.Next(4) == 0 ? 0.5 : 0.0, ScalarParameters: random.Next(4) == 0);
    }

    /// <summary>The layer, built the same way for both kernels (same parameter values).</summary>
    public LIFTorch Build(LifKernel kernel)
    {
        var random = new Random(Seed);
        long channels = Neurons * Synapses;
        Tensor PerNeuron(double low, double high) =>
            ScalarParameters ? tensor((float)Uniform(random, low, high)) : Values(random, Neurons, low, high);
        Tensor PerSynapse(double low, double high) =>
            ScalarParameters ? tensor((float)Uniform(random, low, high)) : Values(random, Neurons * Synapses, low, high).view(Neurons, Synapses);
        var (memLow, memHigh, synLow, synHigh) = Mode switch
        {
            LeakMode.Taus => (5e-3, 40e-3, 2e-3, 30e-3),
            LeakMode.Decays => (0.5, 0.99, 0.3, 0.95),
            _ => (1.0, 6.0, 0.5, 5.0),
        };
        var mem = PerNeuron(memLow, memHigh);
        var syn = PerSynapse(synLow, synHigh);
        var bias = PerNeuron(-0.2, 0.3);
        var threshold = PerNeuron(0.5, 2.0);
        var wRec = Recurrent ? Values(random, Neurons * channels, -0.8, 0.8).view(Neurons, channels) : null;
        var layer = new LIFTorch(channels, Neurons,
            tauMem: In(LeakMode.Taus, mem), tauSyn: In(LeakMode.Taus, syn),
            alpha: In(LeakMode.Decays, mem), beta: In(LeakMode.Decays, syn),
            dashMem: In(LeakMode.Bitshifts, mem), dashSyn: In(LeakMode.Bitshifts, syn),
            bias: bias, threshold: threshold, hasRec: Recurrent, wRec: wRec is null ? null : (ParamInit?)wRec, noiseStd: NoiseStd, leakMode: Mode,
            maxSpikesPerDt: MaxSpikes, learningWindow: Window, spikeGeneration: Surrogate)
        { Kernel = kernel };
        return layer;
    }

    private ParamInit? In(LeakMode mode, Tensor value) => Mode == mode ? (ParamInit?)value : null;

    /// <summary>An input strong enough for several spikes per step, and the loss weights for the output and the
    /// three recorded traces.</summary>
    public (Tensor Input, Tensor[] Weights) Drive(int seed)
    {
        var random = new Random(seed);
        long channels = Neurons * Synapses;
        var input = Values(random, Batches * Steps * channels, -1.0, 3.0).view(Batches, Steps, channels);
        Tensor[] weights =
        [
            Values(random, Batches * Steps * Neurons, -1, 1).view(Batches, Steps, Neurons),
            Values(random, Batches * Steps * Neurons, -1, 1).view(Batches, Steps, Neurons),
            Values(random, Batches * Steps * channels, -1, 1).view(Batches, Steps, Neurons, Synapses),
            Values(random, Batches * Steps * channels, -1, 1).view(Batches, Steps, Neurons, Synapses),
        ];
        return (input, weights);
    }

    public override string ToString() =>
        $"seed {Seed}: B={Batches} T={Steps} N={Neurons} S={Synapses} {Mode} {Surrogate} rec={Recurrent} max={MaxSpikes} " +
        $"window={Window:F2} noise={NoiseStd} scalar={ScalarParameters}";

    private static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();

    private static Tensor Values(Random random, long count, double low, double high) =>
        tensor(Enumerable.Range(0, (int)count).Select(_ => (float)Uniform(random, low, high)).ToArray());
}
