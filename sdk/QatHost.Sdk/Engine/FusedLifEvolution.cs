using TorchSharp;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>Runs a <see cref="LIFTorch"/> evolution through <see cref="FusedLifFunction"/>: broadcasts the
/// parameters to full shape with Torch operations (so autograd reduces their gradients back to the parameter
/// shapes, and transformed or substituted parameters keep their gradient path), then calls the function.</summary>
internal static class FusedLifEvolution
{
    /// <summary>The layer's leak, bias, threshold and recurrent weights for one call, as <see cref="LIFTorch"/> reads them.</summary>
    public sealed record Parameters(Tensor Alpha, Tensor Beta, Tensor Bias, Tensor Threshold, Tensor? WRec, float Window, float MaxSpikes);

    /// <summary>Whether the fused kernel can run these tensors: float32 on the CPU, each trace addressable by
    /// a span (under 2^31 bytes), and at least one step.</summary>
    public static bool Applies(Tensor input, long neurons, params Tensor?[] tensors)
    {
        if (input.shape[1] == 0) return false;
        long largest = Math.Max(input.numel(), input.shape[0] * input.shape[1] * neurons) * sizeof(float);
        return largest < int.MaxValue
            && tensors.Append(input).All(t => t is null || (t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32));
    }

    /// <param name="x">Input <c>(B, T, N, S)</c>.</param>
    /// <param name="v0">Initial membrane state <c>(N)</c>, shared by every batch element (spec 3.4).</param>
    /// <param name="i0">Initial synaptic state <c>(N, S)</c>.</param>
    /// <param name="s0">Initial spikes <c>(N)</c>.</param>
    /// <param name="p">Parameters in any shape that broadcasts to the layer.</param>
    /// <param name="noise">Membrane noise <c>(B, T, N)</c>, or null when it is zero.</param>
    /// <param name="surrogate">The spike function's surrogate gradient.</param>
    /// <param name="record">Whether to return vmem, isyn and irec traces.</param>
    public static LifEvolution Run(Tensor x, Tensor v0, Tensor i0, Tensor s0, Parameters p, Tensor? noise,
        SpikeGeneration surrogate, bool record)
    {
        long batches = x.shape[0], steps = x.shape[1], neurons = x.shape[2], synapses = x.shape[3];
        var spec = new FusedLifSpec
        {
            Batches = (int)batches, Steps = (int)steps, Neurons = (int)neurons, Synapses = (int)synapses,
            Surrogate = surrogate, Window = p.Window, MaxSpikes = p.MaxSpikes, Record = record,
            Recurrent = p.WRec is not null, GradEnabled = is_grad_enabled(),
        };
        var outputs = FusedLifFunction.apply(spec, x, p.Alpha.expand(neurons), p.Beta.expand(neurons, synapses),
            p.Bias.expand(neurons), p.Threshold.expand(neurons), p.WRec, noise, v0.detach(), i0.detach(), s0.detach());
        var spikes = outputs[0];
        var lastSpikes = spikes[0, steps - 1];
        var finalV = tensor(spec.FinalV);
        var finalI = tensor(spec.FinalI).view(neurons, synapses);
        if (!record) return new LifEvolution(spikes, finalV, finalI, lastSpikes, null, null, null, spec.HasNaN);
        var irec = p.WRec is null ? zeros(batches, steps, neurons, synapses) : outputs[3];
        return new LifEvolution(spikes, finalV, finalI, lastSpikes, outputs[1], outputs[2], irec, spec.HasNaN);
    }
}
