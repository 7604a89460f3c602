using TorchSharp;
using static TorchSharp.torch;

namespace QatHost.Sdk.Trees;

/// <summary>A <see cref="Tree{TLeaf}"/> of tensors: parameters, states and records. Leaves print as their
/// shape, e.g. <c>vmem: float32 (2, 100, 5)</c>.</summary>
public sealed class TensorTree : Tree<Tensor>
{
    /// <summary>Moves every leaf out of the current dispose scope (each tensor once, even if it is shared).</summary>
    public TensorTree MoveToOuterDisposeScope()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (_, leaf) in Leaves())
            if (seen.Add(leaf)) leaf.MoveToOuterDisposeScope();
        return this;
    }

    /// <summary>The subtree at <paramref name="path"/> as a tensor tree.</summary>
    public new TensorTree Subtree(string path) => (TensorTree)base.Subtree(path);

    /// <inheritdoc/>
    protected override string DescribeLeaf(Tensor leaf) =>
        $"{(leaf.dtype == ScalarType.Byte ? "uint8" : leaf.dtype.ToString().ToLowerInvariant())} {Shapes.Format(leaf.shape)}";
}
