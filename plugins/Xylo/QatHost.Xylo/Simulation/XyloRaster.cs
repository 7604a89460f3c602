using QatHost.Sdk;
using static TorchSharp.torch;

namespace QatHost.Xylo.Simulation;

/// <summary>Checks and converts input rasters for <see cref="XyloSim"/>.</summary>
internal static class XyloRaster
{
    public static void Check(int[,] input, int channels)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.GetLength(1) != channels)
            throw new QatHostException(
                $"XyloSim: the input has {input.GetLength(1)} channels; this configuration reads {channels} (input shape ({input.GetLength(0)}, {input.GetLength(1)})).");
        for (int t = 0; t < input.GetLength(0); t++)
            for (int c = 0; c < channels; c++)
                if (input[t, c] < 0)
                    throw new QatHostException($"XyloSim: the input holds a negative event count {input[t, c]} at step {t}, channel {c}; counts are 0..15.");
    }

    public static int[,] FromTensor(Tensor input, int channels)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() == 3 && input.shape[0] == 1) input = input[0];
        if (input.dim() != 2)
            throw new QatHostException(
                $"XyloSim: the input has shape ({string.Join(", ", input.shape)}); expected (T, {channels}) event counts (no batches).");
        if (input.shape[1] != channels)
            throw new QatHostException(
                $"XyloSim: the input has {input.shape[1]} channels; this configuration reads {channels} (input shape ({input.shape[0]}, {input.shape[1]})).");
        var values = input.detach().to_type(ScalarType.Float64).contiguous().flatten().data<double>().ToArray();
        int steps = (int)input.shape[0];
        var raster = new int[steps, channels];
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (x != Math.Floor(x) || x < 0)
                throw new QatHostException(
                    $"XyloSim: the input holds {x} at step {i / channels}, channel {i % channels}; the chip takes whole event counts 0..15.");
            raster[i / channels, i % channels] = (int)Math.Min(x, int.MaxValue);
        }
        return raster;
    }
}
