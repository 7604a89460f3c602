namespace QatHost.Transforms;

/// <summary>Over which values <see cref="Pruning.Magnitude"/> ranks magnitudes.</summary>
public enum PruningScope
{
    /// <summary>Each parameter tensor separately: every tensor reaches the sparsity.</summary>
    PerTensor,

    /// <summary>All the tensors one transform instance is applied to, together: the union reaches the sparsity,
    /// and small layers may be pruned more or less than large ones.</summary>
    Global,
}
