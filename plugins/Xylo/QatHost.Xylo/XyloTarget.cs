using QatHost.Sdk;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Hardware;
using QatHost.Xylo.Export;
using QatHost.Xylo.Mapping;
using QatHost.Xylo.Quantisation;
using QatHost.Xylo.Simulation;

namespace QatHost.Xylo;

/// <summary>
/// One Xylo chip generation with the numbers of the Xylo spec section 2: channel counts, neuron counts,
/// synapses, input/output projection limits, recurrent fan-out budgets, bias support and bit widths.
/// Scripts pick one of the four static instances: <c>Xylo.Map(net, target: XyloTarget.XyloAudio2)</c>.
/// </summary>
public sealed class XyloTarget : IHardwareTarget
{
    private XyloTarget(string name, string displayName, string chip) =>
        (Name, DisplayName, Chip) = (name, displayName, chip);

    /// <summary>Xylo v1 ("Pollen", SYNS61300): 1000 hidden neurons with 2 synapses, 8 outputs, no bias.</summary>
    public static XyloTarget XyloV1 { get; } = new("XyloV1", "Xylo v1", "SYNS61300")
    {
        HiddenNeurons = 1000, SynapsesPerHiddenNeuron = 2, OutputNeurons = 8, HasBias = false,
        MaxFanOut = null, RecurrentWeightsPerBank = null, NeuronModel = XyloNeuronModel.V1,
    };

    /// <summary>XyloAudio 2 (SYNS61201): 1000 hidden neurons with 2 synapses, 8 outputs, fan-out 64.</summary>
    public static XyloTarget XyloAudio2 { get; } = new("XyloAudio2", "XyloAudio 2", "SYNS61201")
    {
        HiddenNeurons = 1000, SynapsesPerHiddenNeuron = 2, OutputNeurons = 8, HasBias = true,
        MaxFanOut = 64, RecurrentWeightsPerBank = 1000 * 32,
    };

    /// <summary>XyloAudio 3 (SYNS65302): 992 hidden neurons, 32 outputs, inputs to the first 128 and outputs
    /// from the last 128 hidden neurons, fan-out 1024. One synapse per neuron: the chip has two, but no
    /// documented configuration path deploys the second (spec 6.3), so two-synapse networks are refused.</summary>
    public static XyloTarget XyloAudio3 { get; } = new("XyloAudio3", "XyloAudio 3", "SYNS65302")
    {
        HiddenNeurons = 992, SynapsesPerHiddenNeuron = 1, OutputNeurons = 32, HasBias = true,
        InputExpansionNeurons = 128, OutputExpansionNeurons = 128, MaxFanOut = 1024, RecurrentWeightsPerBank = 992 * 32,
    };

    /// <summary>XyloIMU (SYNS63300): 496 hidden neurons with 1 synapse, 16 outputs, first/last 128 projection
    /// limits, fan-out 512 and 31,744 recurrent weights in total.</summary>
    public static XyloTarget XyloIMU { get; } = new("XyloIMU", "XyloIMU", "SYNS63300")
    {
        HiddenNeurons = 496, SynapsesPerHiddenNeuron = 1, OutputNeurons = 16, HasBias = true,
        InputExpansionNeurons = 128, OutputExpansionNeurons = 128, MaxFanOut = 512, RecurrentWeightsPerBank = 31_744,
    };

    /// <summary>The four targets, oldest first.</summary>
    public static IReadOnlyList<XyloTarget> All { get; } = [XyloV1, XyloAudio2, XyloAudio3, XyloIMU];

    /// <summary>The target called <paramref name="name"/> (as in <see cref="Name"/>, case-insensitive).</summary>
    /// <exception cref="QatHostException">No target has that name.</exception>
    public static XyloTarget Named(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new QatHostException(
            $"unknown Xylo target \"{name}\"; known targets: {string.Join(", ", All.Select(t => t.Name))}.");

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The product name, e.g. <c>"XyloAudio 2"</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The chip's part number, e.g. <c>"SYNS61201"</c>.</summary>
    public string Chip { get; }

    /// <summary>Input channels of the SNN core (16 on every generation).</summary>
    public int InputChannels { get; private init; } = 16;

    /// <summary>Input events per channel and time step the chip accepts; larger counts are clipped (15).</summary>
    public int MaxInputEvents { get; private init; } = 15;

    /// <summary>Hidden neurons available.</summary>
    public int HiddenNeurons { get; private init; }

    /// <summary>Synaptic states per hidden neuron that a configuration for this chip can use.</summary>
    public int SynapsesPerHiddenNeuron { get; private init; }

    /// <summary>Output neurons available (one synapse each, never recurrent).</summary>
    public int OutputNeurons { get; private init; }

    /// <summary>How many of the first hidden neurons can receive input weights; null when all can.</summary>
    public int? InputExpansionNeurons { get; private init; }

    /// <summary>How many of the last hidden neurons can drive outputs; null when all can.</summary>
    public int? OutputExpansionNeurons { get; private init; }

    /// <summary>Largest number of recurrent weights one hidden neuron may drive; null when undocumented.</summary>
    public int? MaxFanOut { get; private init; }

    /// <summary>Recurrent weight memory per synapse bank (hidden neurons x average fan-out); null when undocumented.</summary>
    public int? RecurrentWeightsPerBank { get; private init; }

    /// <summary>Whether neurons have a constant bias input.</summary>
    public bool HasBias { get; private init; }

    /// <summary>Largest spike count a hidden neuron emits per step (31).</summary>
    public int MaxHiddenSpikes => 31;

    /// <summary>Largest spike count an output neuron emits per step (1).</summary>
    public int MaxOutputSpikes => 1;

    /// <summary>Largest weight bit shift (3-bit field, 0..7).</summary>
    public int MaxWeightShift => 7;

    /// <summary>Largest bit-shift decay parameter (4 bits, 0..15).</summary>
    public int MaxDash => 15;

    /// <summary>Which integer neuron update the chip runs (spec 8.3).</summary>
    public XyloNeuronModel NeuronModel { get; private init; } = XyloNeuronModel.V2;

    /// <inheritdoc/>
    public string Description =>
        $"SynSense {DisplayName} ({Chip}): {InputChannels} in, {HiddenNeurons} hidden, {OutputNeurons} out";

    /// <inheritdoc/>
    public IReadOnlyList<HardwareLimit> Limits => XyloLimits.Describe(this);

    /// <inheritdoc/>
    public IHardwareSpec Map(Module network) => XyloMapper.Map(network, this);

    /// <inheritdoc/>
    public IHardwareConfig Quantise(IHardwareSpec spec) => XyloQuantiser.Quantise(AsSpec(spec));

    /// <inheritdoc/>
    public ValidationReport Validate(IHardwareConfig config) => XyloValidator.Validate(AsConfig(config), this);

    /// <inheritdoc/>
    public IHardwareSimulator Simulator(IHardwareConfig config) => new XyloSim(AsConfig(config));

    /// <inheritdoc/>
    public void Export(IHardwareConfig config, string path) => XyloConfigFile.Write(AsConfig(config), path);

    /// <inheritdoc/>
    public IHardwareConfig Import(string path) => XyloConfigFile.Read(path);

    /// <summary>The name, e.g. <c>XyloAudio2</c>.</summary>
    public override string ToString() => Name;

    private XyloSpec AsSpec(IHardwareSpec spec) => spec as XyloSpec ?? throw Foreign("specification", spec.TargetName);

    private XyloConfig AsConfig(IHardwareConfig config) => config as XyloConfig ?? throw Foreign("configuration", config.TargetName);

    private QatHostException Foreign(string what, string owner) =>
        new($"{Name}: the {what} was made by target \"{owner}\", not by a Xylo target; map and quantise with Xylo.");
}
