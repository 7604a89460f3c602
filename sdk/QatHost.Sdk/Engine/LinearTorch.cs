using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// A dense linear layer, Rockpool's <c>LinearTorch</c> (spec 2): output <c>x @ weight (+ bias)</c> with
/// <c>weight</c> of shape <c>(Nin, Nout)</c>. No state, records nothing.
/// </summary>
public sealed class LinearTorch : Module
{
    /// <summary>Creates the layer. Without <paramref name="weight"/>, the weights are drawn like Rockpool's:
    /// Kaiming-uniform on <c>(Nout, Nin)</c> (bound sqrt(6/Nin)) from torch's global generator, then transposed.</summary>
    /// <param name="nIn">Input width.</param>
    /// <param name="nOut">Output width.</param>
    /// <param name="hasBias">Whether the layer has a bias (family <c>"biases"</c>).</param>
    /// <param name="weight">Initial weights, shape <c>(Nin, Nout)</c>.</param>
    /// <param name="bias">Initial bias, shape <c>(Nout,)</c> or <c>()</c>; default uniform in ±sqrt(1/Nout).</param>
    public LinearTorch(long nIn, long nOut, bool hasBias = false, ParamInit? weight = null, ParamInit? bias = null)
        : base([nIn, nOut])
    {
        if (nIn <= 0 || nOut <= 0)
            throw new QatHostException($"LinearTorch: sizes must be positive; got nIn = {nIn}, nOut = {nOut}.");
        if (bias is not null && !hasBias)
            throw new QatHostException("LinearTorch: argument bias is given but hasBias is false; pass hasBias: true.");

        var w = weight?.Fit("LinearTorch", "weight", [nIn, nOut]) ?? DefaultWeight(nIn, nOut);
        RegisterParameter("weight", Families.Weights, w);
        if (hasBias)
        {
            double bound = Math.Sqrt(1.0 / nOut);
            var b = bias?.Fit("LinearTorch", "bias", [nOut], []) ?? empty(nOut).uniform_(-bound, bound);
            RegisterParameter("bias", Families.Biases, b);
        }
        HasBias = hasBias;
    }

    /// <summary>Whether the layer has a bias parameter.</summary>
    public bool HasBias { get; }

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording)
    {
        var output = AutoBatch(input).matmul(Get("weight"));
        return HasBias ? output + Get("bias") : output;
    }

    private static Tensor DefaultWeight(long nIn, long nOut)
    {
        double bound = Math.Sqrt(6.0 / nIn);
        return empty(nOut, nIn).uniform_(-bound, bound).T;
    }
}
