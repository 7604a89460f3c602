using QatHost.Sdk.Engine;

namespace QatHost.Xylo.Mapping;

/// <summary>A LIF layer's values as the mapper needs them, per neuron, read once from the layer (through any
/// parameter transforms, so rounded or clipped values are what gets deployed).</summary>
internal sealed class NeuronParameters
{
    public required int Count { get; init; }

    public required int Synapses { get; init; }

    /// <summary>Membrane bit shift per neuron, continuous: <c>log2(tau_mem / dt)</c> (or the dash itself in bitshifts mode).</summary>
    public required double[] DashMem { get; init; }

    /// <summary>Synaptic bit shift <c>[neuron, synapse]</c>, continuous.</summary>
    public required double[,] DashSyn { get; init; }

    public required double[] Threshold { get; init; }

    public required double[] Bias { get; init; }

    public required double Dt { get; init; }

    public required LeakMode LeakMode { get; init; }

    public required double MaxSpikesPerDt { get; init; }

    public required bool HasRec { get; init; }

    /// <summary>Recurrent weights <c>[neuron, neuron * Nsyn + synapse]</c> when <see cref="HasRec"/>.</summary>
    public double[,]? WRec { get; init; }
}
