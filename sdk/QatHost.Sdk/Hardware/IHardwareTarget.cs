using QatHost.Sdk.Engine;

namespace QatHost.Sdk.Hardware;

/// <summary>
/// A neuromorphic chip a trained network can be deployed to. A plugin implements one per chip (or chip
/// generation) and lists them through an <see cref="IHardwareTargetProvider"/>; the host shows them in
/// <c>qathost plugins</c>.
/// </summary>
/// <remarks>
/// The deployment path has five steps, each of which can be run and inspected on its own:
/// <code>
/// var spec   = target.Map(net);            // float matrices on the chip's neuron IDs; structural rules checked
/// var config = target.Quantise(spec);      // integers as the chip stores them
/// var report = target.Validate(config);    // every range and resource rule, all violations at once
/// var run    = target.Simulator(config).Evolve(input);   // what the chip will do, bit for bit
/// target.Export(config, "out/net.json");   // written whole, and only when valid
/// </code>
/// Methods that can fail throw <see cref="DesignRuleException"/> (listing every violation) or
/// <see cref="QatHostException"/>, never a bare system exception for bad user input.
/// </remarks>
public interface IHardwareTarget
{
    /// <summary>Short name used in scripts, files and listings, e.g. <c>"XyloAudio2"</c>.</summary>
    string Name { get; }

    /// <summary>One line for listings, e.g. <c>"SynSense XyloAudio 2 (SYNS61201): 16 in, 1000 hidden, 8 out"</c>.</summary>
    string Description { get; }

    /// <summary>The chip's resource limits and number formats, in the order a datasheet would list them.</summary>
    IReadOnlyList<HardwareLimit> Limits { get; }

    /// <summary>Maps <paramref name="network"/> onto the chip: allocates neurons, assembles the chip's
    /// matrices in floating point and checks every structural design rule.</summary>
    /// <returns>The mapped specification, carrying any warnings.</returns>
    /// <exception cref="DesignRuleException">The network breaks one or more design rules; all are listed.</exception>
    IHardwareSpec Map(Module network);

    /// <summary>Converts a mapped specification to the chip's integer formats with the target's default method.</summary>
    /// <exception cref="DesignRuleException">The quantised values break range rules; all are listed.</exception>
    IHardwareConfig Quantise(IHardwareSpec spec);

    /// <summary>Checks a configuration against every range and resource rule of the chip, collecting all
    /// violations. Never throws for an invalid configuration: inspect the report.</summary>
    ValidationReport Validate(IHardwareConfig config);

    /// <summary>A bit-exact simulator of the chip running <paramref name="config"/>.</summary>
    /// <exception cref="DesignRuleException">The configuration is invalid.</exception>
    IHardwareSimulator Simulator(IHardwareConfig config);

    /// <summary>Writes <paramref name="config"/> to <paramref name="path"/> atomically (whole or not at all).</summary>
    /// <exception cref="DesignRuleException">The configuration is invalid; nothing is written.</exception>
    void Export(IHardwareConfig config, string path);

    /// <summary>Reads a configuration written by <see cref="Export"/>, checking its format version and every value.</summary>
    /// <exception cref="QatHostException">The file is unreadable, of another format version, or holds invalid values.</exception>
    IHardwareConfig Import(string path);
}
