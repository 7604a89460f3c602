using QatHost.Sdk.Hardware;
using QatHost.Xylo.Export;
using QatHost.Xylo.Mapping;
using QatHost.Xylo.Quantisation;

namespace QatHost.Xylo;

/// <summary>
/// Everything a Xylo chip needs, in its integer formats (Xylo spec 6): int8 weights with one bit shift per
/// matrix, 4-bit dashes, 16-bit thresholds and biases, aliases and dt. Same layouts as <see cref="XyloSpec"/>.
/// Made by <see cref="Xylo.Quantise"/> or <see cref="Import"/>; written by <see cref="Export"/>.
/// </summary>
public sealed class XyloConfig : IHardwareConfig
{
    /// <summary>The chip this configuration is for.</summary>
    public required XyloTarget Target { get; init; }

    /// <inheritdoc/>
    public string TargetName => Target.Name;

    /// <summary>Input weights <c>[Nin, Nien, Nsyn]</c>, -128..127.</summary>
    public required int[,,] WeightsIn { get; init; }

    /// <summary>Hidden-to-hidden weights <c>[Nhid, Nhid, Nsyn]</c>, row = source.</summary>
    public required int[,,] WeightsRec { get; init; }

    /// <summary>Readout weights <c>[Noen, Nout]</c>; row r is hidden neuron <c>Nhid - Noen + r</c>.</summary>
    public required int[,] WeightsOut { get; init; }

    /// <summary>Left shift applied to every input weight (0..7).</summary>
    public int WeightShiftIn { get; init; }

    /// <summary>Left shift applied to every recurrent weight (0..7).</summary>
    public int WeightShiftRec { get; init; }

    /// <summary>Left shift applied to every readout weight (0..7).</summary>
    public int WeightShiftOut { get; init; }

    /// <summary>Membrane decay bit shift per hidden neuron (0..15).</summary>
    public required int[] DashMem { get; init; }

    /// <summary>Synapse-1 decay bit shift per hidden neuron (1..15).</summary>
    public required int[] DashSyn { get; init; }

    /// <summary>Synapse-2 decay bit shift per hidden neuron (used when <see cref="Nsyn"/> is 2).</summary>
    public required int[] DashSyn2 { get; init; }

    /// <summary>Threshold per hidden neuron (1..32767).</summary>
    public required int[] Threshold { get; init; }

    /// <summary>Bias per hidden neuron (16-bit; all zero on chips without bias).</summary>
    public required int[] Bias { get; init; }

    /// <summary>Membrane decay bit shift per output neuron.</summary>
    public required int[] DashMemOut { get; init; }

    /// <summary>Synaptic decay bit shift per output neuron.</summary>
    public required int[] DashSynOut { get; init; }

    /// <summary>Threshold per output neuron.</summary>
    public required int[] ThresholdOut { get; init; }

    /// <summary>Bias per output neuron.</summary>
    public required int[] BiasOut { get; init; }

    /// <summary>Alias targets per hidden neuron (at most one, with a higher ID).</summary>
    public required int[][] Aliases { get; init; }

    /// <inheritdoc/>
    public required double Dt { get; init; }

    /// <summary>Module path of each hidden neuron in the source network (empty strings when unknown).</summary>
    public required string[] HiddenModules { get; init; }

    /// <summary>Module path of each output neuron in the source network.</summary>
    public required string[] OutputModules { get; init; }

    /// <summary>Mapping warnings carried along (not stored in files).</summary>
    public IReadOnlyList<DesignRuleViolation> Warnings { get; init; } = [];

    /// <summary>What quantisation clipped, rounded to zero or rescaled (empty for imported files).</summary>
    public QuantisationReport Quantisation { get; init; } = QuantisationReport.Empty;

    /// <summary>Float-to-chip factor per hidden neuron (the quantiser's scale times <c>2^WeightShiftRec</c>): a float
    /// membrane potential times this is in the chip's Vmem units. Null for imported files (not stored).</summary>
    public double[]? HiddenScales { get; init; }

    /// <summary>Float-to-chip factor per output neuron; see <see cref="HiddenScales"/>.</summary>
    public double[]? OutputScales { get; init; }

    /// <inheritdoc/>
    public int InputChannels => WeightsIn.GetLength(0);

    /// <inheritdoc/>
    public int OutputChannels => ThresholdOut.Length;

    /// <summary>Number of hidden neurons in use.</summary>
    public int Nhid => DashMem.Length;

    /// <summary>Synaptic states per hidden neuron.</summary>
    public int Nsyn => WeightsIn.GetLength(2);

    /// <summary>Hidden neurons reachable from inputs.</summary>
    public int Nien => WeightsIn.GetLength(1);

    /// <summary>Hidden neurons that drive outputs (the last ones).</summary>
    public int Noen => WeightsOut.GetLength(0);

    /// <summary>Checks every range and resource rule of <see cref="Target"/>; never throws.</summary>
    public ValidationReport Validate() => XyloValidator.Validate(this, Target);

    /// <summary>Writes the configuration as JSON (docs/xylo-config-format.md), atomically. A configuration that
    /// fails <see cref="Validate"/> is never written.</summary>
    /// <exception cref="DesignRuleException">The configuration is invalid; nothing is written.</exception>
    public void Export(string path) => XyloConfigFile.Write(this, path);

    /// <summary>Reads a configuration written by <see cref="Export"/>.</summary>
    /// <exception cref="Sdk.QatHostException">Unreadable file, wrong format version, or invalid values; the message names the file and field.</exception>
    public static XyloConfig Import(string path) => XyloConfigFile.Read(path);

    /// <inheritdoc/>
    public string Report() => XyloReport.Describe(this);
}
