using System.Globalization;

namespace QatHost.Sdk.Engine;

/// <summary>
/// Refuses, before anything is allocated, an evolution whose memory would exceed what the machine has, with the
/// estimate and the way out (evolve in chunks: the state carries over between calls). Per-step costs measured on
/// this engine: a LIF layer's fused kernel keeps about 4 floats per neuron and step without gradients and 8 with
/// them; its reference loop about 1 kB of tensor objects per step without gradients and 24 kB with them (each
/// step's small tensors live until the end of the call); every other module its output.
/// </summary>
internal static class EvolveMemory
{
    /// <summary>Throws when evolving <paramref name="net"/> over an input of <paramref name="shape"/> would need
    /// more memory than is available.</summary>
    public static void Check(Module net, long[] shape, bool record, bool grad)
    {
        var (batches, steps) = shape.Length switch
        {
            3 => (shape[0], shape[1]),
            2 => (1L, shape[0]),
            1 => (shape[0], 1L),
            _ => (0L, 0L),
        };
        if (steps < 10_000) return; // nothing that could matter
        double perStep = net.AllModules().Sum(m => PerStep(m, batches, steps, record, grad));
        double need = perStep * steps;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (need <= available) return;
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"{perStep / 1000:0.###} kB per step{(grad ? ", with gradients" : "")}{(record ? ", recording" : "")}");
        throw new QatHostException(
            $"{net.Path}: evolving {steps} time steps at once would need about {Gb(need)} ({detail}) but {Gb(available)} is " +
            "available. Evolve in chunks of fewer steps (the state carries over between Evolve calls)" +
            (grad ? ", under torch.no_grad() when no gradient is needed" : "") + ".");
    }

    private static double PerStep(Module module, long batches, long steps, bool record, bool grad)
    {
        const double floatBytes = sizeof(float);
        if (module is not LIFTorch lif) return module.Modules().Count > 0 ? 0 : batches * module.SizeOut * floatBytes * (grad ? 2 : 1);
        long n = lif.NeuronCount, s = lif.SynapseCount;
        bool fused = lif.Kernel == LifKernel.Fused && batches * steps * Math.Max(n, lif.SizeIn) * floatBytes < int.MaxValue;
        double perStep = fused
            ? batches * n * floatBytes * (grad ? 8 : 4)
            : (grad ? 24_000 : 1_000) + batches * n * s * floatBytes * (grad ? 8 : 2);
        if (record) perStep += batches * n * (2 * s + 1) * floatBytes + (fused ? 0 : 3_000);
        return perStep;
    }

    private static string Gb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.#} GB");
}
