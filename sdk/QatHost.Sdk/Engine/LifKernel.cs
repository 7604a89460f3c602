namespace QatHost.Sdk.Engine;

/// <summary>How a <see cref="LIFTorch"/> layer runs its time loop. Both give the same outputs, records, states
/// and gradients (the oracle tests run against each); they differ in speed and memory.</summary>
public enum LifKernel
{
    /// <summary>The default: the kernel <see cref="LIFTorch.ChooseKernel"/> picks by the evolution's length, which
    /// is <see cref="Fused"/> for every non-empty evolution since the crossover was measured on a quiet machine.</summary>
    Auto,

    /// <summary>The whole time loop as one autograd operation: a vectorised C# loop forward, and a hand-written
    /// backward pass through time that keeps only the membrane traces.</summary>
    Fused,

    /// <summary>Rockpool's order of operations, a few Torch operations per time step, differentiated by Torch's
    /// autograd. Slower; kept as the reference the fused kernel is checked against.</summary>
    Reference,
}
