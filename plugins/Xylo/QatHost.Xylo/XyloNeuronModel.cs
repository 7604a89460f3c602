namespace QatHost.Xylo;

/// <summary>The integer neuron update a Xylo generation runs (Xylo spec 8.3).</summary>
public enum XyloNeuronModel
{
    /// <summary>Xylo v1: decay membrane and synapses, then add the synaptic current to the membrane; no bias.</summary>
    V1,
    /// <summary>XyloAudio 2, XyloAudio 3, XyloIMU: membrane change (decay, current, bias) saturated before it is added.</summary>
    V2,
}
