using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// A <see cref="Sequential"/> block whose input is added to its output, Rockpool's <c>TorchResidual</c>
/// (spec 4.2). Input and output widths must be equal. State and record are those of the chain.
/// </summary>
public sealed class Residual : Sequential
{
    /// <summary>Chains <paramref name="modules"/> and adds the block's input to their output.</summary>
    /// <exception cref="QatHostException">The block's input and output widths differ.</exception>
    public Residual(params Module[] modules) : base(modules)
    {
        if (modules.Length > 0 && SizeIn != SizeOut)
            throw new QatHostException(
                $"TorchResidual: size_in ({SizeIn}) and size_out ({SizeOut}) must be identical for a residual block.");
    }

    /// <inheritdoc/>
    public override string ClassName => "TorchResidual";

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording) =>
        base.Forward(input, record, recording) + input;
}
