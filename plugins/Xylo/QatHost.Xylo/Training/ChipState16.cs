using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Xylo.Training;

/// <summary>Fake 16-bit quantisation of a LIF layer's thresholds or biases with each neuron's scale:
/// <c>clamp(round(x·s), -32768, 32767) / s</c>, straight-through gradient. A scalar (shared) value cannot hold
/// per-neuron rounding and passes unchanged (its rounding error is below half a chip unit).</summary>
internal sealed class ChipState16(NeuronScale scale, string layer, string what)
    : Transform($"Xylo.Chip{what}(16 bit, scale of {layer})")
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor value, TransformContext context)
    {
        if (value.dim() == 0) return value;
        return StraightThrough.Apply(value, v =>
        {
            var s = scale.Compute();
            return ((v.to_type(ScalarType.Float64) * s).round().clamp(-32768, 32767) / s).to_type(v.dtype);
        });
    }
}
