using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace QatHost.Xylo.Training;

/// <summary>
/// The per-neuron scale the per-channel quantiser will choose for one LIF layer (Xylo spec 7.2, the rules of
/// <c>Quantisation/Scales.PerChannel</c>), computed from the layer's current raw parameters: <c>127 / max|w|</c>
/// over the neuron's incoming weights (the Linear feeding the layer and the layer's own <c>w_rec</c>), or
/// <c>127 / |bias|</c> without weights, shrunk so that the threshold and bias fit 16 bits.
/// </summary>
/// <remarks>The scale is treated as a constant (no gradient), as the quantiser computes it from the floats.
/// It reads the raw values of the layers it was built for; a <see cref="Module.Copy"/> shares transforms, so a
/// copy trained separately should be prepared itself.</remarks>
internal sealed class NeuronScale(LIFTorch lif, LinearTorch? input)
{
    private const double Wmax = 127, Tmax = 32767;

    /// <summary>Synapses per neuron of the layer.</summary>
    public long Synapses => lif.SynapseCount;

    /// <summary>Scale per neuron, float64 <c>(N)</c>, detached.</summary>
    public Tensor Compute()
    {
        using var noGrad = no_grad();
        long n = lif.NeuronCount, s = lif.SynapseCount;
        var m = zeros(n, ScalarType.Float64);
        if (input is not null)
            m = maximum(m, Raw(input, "weight").abs().reshape(-1, n, s).amax([0, 2]));
        if (lif.HasRec)
            m = maximum(m, Raw(lif, "w_rec").abs().reshape(n, n, s).amax([0, 2]));
        var bias = Raw(lif, "bias") * ones(n, ScalarType.Float64);
        var threshold = Raw(lif, "threshold") * ones(n, ScalarType.Float64);
        var scale = where(m > 0, Wmax / m, where(bias != 0, Wmax / bias.abs(), ones(n, ScalarType.Float64)));
        var largest = maximum(threshold.abs(), bias.abs());
        return where((largest * scale).round() > Tmax, Tmax / largest, scale);
    }

    private static Tensor Raw(Module layer, string name) =>
        layer.FindAttribute(name).Tensor.detach().to_type(ScalarType.Float64);
}
