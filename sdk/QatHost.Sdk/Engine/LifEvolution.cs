using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>What one <see cref="LIFTorch"/> time loop produced, whichever <see cref="LifKernel"/> ran it: the
/// spike counts and recorded traces (in the autograd graph) and batch element 0's final state.</summary>
/// <param name="Spikes">Spike counts <c>(B, T, N)</c>: the layer's output.</param>
/// <param name="V">Final membrane potential <c>(N)</c>.</param>
/// <param name="I">Final synaptic current <c>(N, S)</c>.</param>
/// <param name="S">Final spike counts <c>(N)</c>.</param>
/// <param name="RecV">Recorded vmem <c>(B, T, N)</c> after reset, when recording.</param>
/// <param name="RecI">Recorded isyn <c>(B, T, N, S)</c> after decay, when recording.</param>
/// <param name="RecIrec">Recorded recurrent input <c>(B, T, N, S)</c>, when recording.</param>
/// <param name="HasNaN">Whether a spike count is NaN, when the kernel found out while running (else null: check the output).</param>
internal sealed record LifEvolution(Tensor Spikes, Tensor V, Tensor I, Tensor S, Tensor? RecV, Tensor? RecI, Tensor? RecIrec,
    bool? HasNaN = null);
