namespace QatHost.Xylo.Divergence;

/// <summary>
/// One layer of the network compared over one recorded input: the float network, the fake-quantised network
/// and the bit-exact chip simulation. Both torch networks run with the chip's one-step hop delay, and their
/// spikes include alias credit as the chip records it, so every step lines up.
/// </summary>
/// <param name="Module">The LIF layer's module path in the user's network.</param>
/// <param name="Neurons">Number of neurons.</param>
/// <param name="IsOutput">Whether these are output neurons.</param>
/// <param name="SpikesFloat">Total spikes of the float network.</param>
/// <param name="SpikesQuantised">Total spikes of the fake-quantised network.</param>
/// <param name="SpikesChip">Total spikes of the chip simulation.</param>
/// <param name="AgreementFloat">Fraction of time steps at which every neuron's spike count equals the chip's (0..1).</param>
/// <param name="AgreementQuantised">The same for the fake-quantised network.</param>
/// <param name="FirstDivergenceFloat">First step at which a neuron's count differs from the chip's, or null.</param>
/// <param name="FirstDivergenceQuantised">The same for the fake-quantised network.</param>
/// <param name="VmemErrorFloat">Mean |float Vmem × scale − chip Vmem| in chip units over steps and neurons (NaN when the
/// configuration carries no scales).</param>
/// <param name="VmemErrorQuantised">The same for the fake-quantised network.</param>
/// <param name="Threshold">Mean chip threshold of the layer, for reading the Vmem errors.</param>
public sealed record LayerDivergence(
    string Module, int Neurons, bool IsOutput,
    double SpikesFloat, double SpikesQuantised, long SpikesChip,
    double AgreementFloat, double AgreementQuantised,
    int? FirstDivergenceFloat, int? FirstDivergenceQuantised,
    double VmemErrorFloat, double VmemErrorQuantised, double Threshold);
