using static TorchSharp.torch;

namespace QatHost.Sdk.Data;

/// <summary>One batch of a <see cref="Dataset"/>: inputs <c>(B, T, C)</c> and their targets.</summary>
/// <param name="Index">Position of the batch in its epoch, from 0.</param>
/// <param name="Of">Number of batches in the epoch.</param>
/// <param name="Inputs">Inputs <c>(B, T, C)</c>.</param>
/// <param name="Targets">Labels <c>(B,)</c> or target traces <c>(B, T, Cout)</c>.</param>
public sealed record Batch(int Index, int Of, Tensor Inputs, Tensor Targets)
{
    /// <summary>Number of samples in the batch.</summary>
    public long Size => Inputs.shape[0];
}
