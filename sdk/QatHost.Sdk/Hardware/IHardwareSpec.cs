namespace QatHost.Sdk.Hardware;

/// <summary>
/// A network mapped onto a chip but not yet quantised: the chip's matrices and per-neuron vectors in
/// floating point, with the neuron allocation and the warnings found while mapping.
/// </summary>
public interface IHardwareSpec
{
    /// <summary>The <see cref="IHardwareTarget.Name"/> of the target that produced this specification.</summary>
    string TargetName { get; }

    /// <summary>Design-rule warnings found while mapping: shown to the user, never fatal.</summary>
    IReadOnlyList<DesignRuleViolation> Warnings { get; }

    /// <summary>A human-readable summary: neuron allocation per module, resources used, warnings.</summary>
    string Report();
}
