using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Xylo.Training;

/// <summary>Fake int8 quantisation of the weights into one LIF layer (a Linear <c>weight</c> or the layer's
/// <c>w_rec</c>, both <c>(rows, N·Nsyn)</c>): <c>clamp(round(w·s), -128, 127) / s</c> with each target
/// neuron's scale <c>s</c>, straight-through gradient.</summary>
internal sealed class ChipWeights(NeuronScale scale, string layer)
    : Transform($"Xylo.ChipWeights(int8, scale of {layer})")
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor value, TransformContext context) =>
        StraightThrough.Apply(value, v =>
        {
            var s = scale.Compute().repeat_interleave(scale.Synapses);
            return ((v.to_type(ScalarType.Float64) * s).round().clamp(-128, 127) / s).to_type(v.dtype);
        });
}
