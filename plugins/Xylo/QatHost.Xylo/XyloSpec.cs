using QatHost.Sdk.Hardware;
using QatHost.Xylo.Mapping;

namespace QatHost.Xylo;

/// <summary>
/// A network mapped onto a Xylo chip, before quantisation: Rockpool's mapper dict (Xylo spec 5.7) in
/// floating point. Hidden neurons are indexed by hardware ID; output neurons by position.
/// </summary>
/// <remarks>
/// Matrix layouts (spec 5.4): <see cref="WeightsIn"/> <c>[Nin, Nien, Nsyn]</c> for hidden IDs
/// <c>0..Nien-1</c>; <see cref="WeightsRec"/> <c>[Nhid, Nhid, Nsyn]</c> (row = source, every
/// hidden-to-hidden projection); <see cref="WeightsOut"/> <c>[Noen, Nout]</c> whose rows are the last
/// <c>Noen</c> hidden IDs. Dashes are continuous bit shifts <c>log2(tau / dt)</c>, rounded by the quantiser.
/// </remarks>
public sealed class XyloSpec : IHardwareSpec
{
    /// <summary>The chip this network was mapped to.</summary>
    public required XyloTarget Target { get; init; }

    /// <inheritdoc/>
    public string TargetName => Target.Name;

    /// <summary>Input weights <c>[Nin, Nien, Nsyn]</c>.</summary>
    public required double[,,] WeightsIn { get; init; }

    /// <summary>Hidden-to-hidden weights <c>[Nhid, Nhid, Nsyn]</c>, row = source neuron.</summary>
    public required double[,,] WeightsRec { get; init; }

    /// <summary>Readout weights <c>[Noen, Nout]</c>; row r is hidden neuron <c>Nhid - Noen + r</c>.</summary>
    public required double[,] WeightsOut { get; init; }

    /// <summary>Membrane bit-shift decay per hidden neuron (continuous).</summary>
    public required double[] DashMem { get; init; }

    /// <summary>Synapse-1 bit-shift decay per hidden neuron (continuous).</summary>
    public required double[] DashSyn { get; init; }

    /// <summary>Synapse-2 bit-shift decay per hidden neuron (0 where a neuron has one synapse).</summary>
    public required double[] DashSyn2 { get; init; }

    /// <summary>Threshold per hidden neuron.</summary>
    public required double[] Threshold { get; init; }

    /// <summary>Bias per hidden neuron (deployed, unlike Rockpool: defect 1).</summary>
    public required double[] Bias { get; init; }

    /// <summary>Membrane bit-shift decay per output neuron.</summary>
    public required double[] DashMemOut { get; init; }

    /// <summary>Synaptic bit-shift decay per output neuron.</summary>
    public required double[] DashSynOut { get; init; }

    /// <summary>Threshold per output neuron.</summary>
    public required double[] ThresholdOut { get; init; }

    /// <summary>Bias per output neuron.</summary>
    public required double[] BiasOut { get; init; }

    /// <summary>Alias targets per hidden neuron (spec 5.6): the target's spike count is increased by the source's.</summary>
    public required int[][] Aliases { get; init; }

    /// <summary>Time step in seconds.</summary>
    public required double Dt { get; init; }

    /// <summary>The module path in the user's network of each hidden neuron.</summary>
    public required string[] HiddenModules { get; init; }

    /// <summary>The module path in the user's network of each output neuron.</summary>
    public required string[] OutputModules { get; init; }

    /// <inheritdoc/>
    public required IReadOnlyList<DesignRuleViolation> Warnings { get; init; }

    /// <summary>Number of input channels.</summary>
    public int Nin => WeightsIn.GetLength(0);

    /// <summary>Number of hidden neurons in use.</summary>
    public int Nhid => DashMem.Length;

    /// <summary>Number of output neurons.</summary>
    public int Nout => ThresholdOut.Length;

    /// <summary>Synaptic states per hidden neuron (1 or 2).</summary>
    public int Nsyn => WeightsIn.GetLength(2);

    /// <summary>Hidden neurons reachable from the inputs (IDs <c>0..Nien-1</c>).</summary>
    public int Nien => WeightsIn.GetLength(1);

    /// <summary>Hidden neurons that drive outputs (the last <c>Noen</c> IDs).</summary>
    public int Noen => WeightsOut.GetLength(0);

    /// <inheritdoc/>
    public string Report() => XyloReport.Describe(this);
}
