namespace QatHost.Sdk.Engine;

/// <summary>The fixed sizes and options of one fused LIF evolution, and which gradients its backward pass
/// must produce (known once the forward pass has seen its inputs).</summary>
internal sealed class FusedLifSpec
{
    public required int Batches { get; init; }
    public required int Steps { get; init; }
    public required int Neurons { get; init; }
    public required int Synapses { get; init; }
    public required SpikeGeneration Surrogate { get; init; }
    public required float Window { get; init; }
    public required float MaxSpikes { get; init; }
    public required bool Record { get; init; }
    public required bool Recurrent { get; init; }

    /// <summary>Whether autograd records this call (grad mode on); without it nothing is kept for backward.</summary>
    public required bool GradEnabled { get; init; }

    /// <summary>Inputs needing a gradient, by the function's argument order (input, alpha, beta, bias,
    /// threshold, w_rec); set by the forward pass.</summary>
    public bool[] NeedsGrad { get; set; } = new bool[6];

    /// <summary>Batch element 0's final membrane <c>(N)</c> and synaptic <c>(N·S)</c> state, set by the forward
    /// pass. Handed back here rather than as outputs of the autograd function, which would give them
    /// undefined gradients.</summary>
    public float[] FinalV { get; set; } = [];

    /// <inheritdoc cref="FinalV"/>
    public float[] FinalI { get; set; } = [];

    /// <summary>Whether a spike count came out NaN (the membrane became NaN), set by the forward pass.</summary>
    public bool HasNaN { get; set; }

    public int Channels => Neurons * Synapses;

    /// <summary>Elements of one <c>(B, T, N)</c> trace.</summary>
    public long TraceLength => (long)Batches * Steps * Neurons;

    /// <summary>Worker threads for loops over batch elements: one unless there is enough work to share.</summary>
    public int Workers(long elementsPerBatch) =>
        elementsPerBatch * Batches < 1 << 15 ? 1 : Math.Max(1, Math.Min(Batches, Environment.ProcessorCount));
}
