using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// Element-wise scaling, the NIR <c>Scale</c> node: <c>y = s ⊙ x</c>. Parameter <c>scale</c> ("weights"),
/// shape <c>(N,)</c> or <c>()</c>. No state, records nothing.
/// </summary>
public sealed class ScaleTorch : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="n">Width.</param>
    /// <param name="scale">Factor per channel, default 1.</param>
    public ScaleTorch(long n, ParamInit? scale = null) : base([n, n])
    {
        if (n <= 0) throw new QatHostException($"ScaleTorch: the width must be positive; got {n}.");
        RegisterParameter("scale", Families.Weights, scale?.Fit("ScaleTorch", "scale", [n], []) ?? ones(n));
    }

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording) => AutoBatch(input) * Get("scale");
}
