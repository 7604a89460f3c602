namespace QatHost.Xylo.Mapping;

/// <summary>What a graph module stands for (Xylo spec 3.1).</summary>
internal enum GraphModuleKind
{
    /// <summary>A weight matrix (<c>LinearWeights</c>): a LinearTorch layer or a LIF layer's <c>w_rec</c>.</summary>
    Weights,
    /// <summary>A population of LIF neurons; input nodes are synapses, output nodes neurons.</summary>
    Neurons,
    /// <summary>A residual block's skip connection (<c>AliasConnection</c>).</summary>
    Alias,
    /// <summary>A module Xylo has no equivalent for.</summary>
    Unsupported,
}
