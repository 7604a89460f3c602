using QatHost.Sdk;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Hardware;

namespace Acme.Qat;

/// <summary>A hardware target, so the listing has one. It cannot deploy anything.</summary>
public sealed class AcmeChip : IHardwareTarget
{
    /// <inheritdoc/>
    public string Name => "AcmeChip";

    /// <inheritdoc/>
    public string Description => "Acme test chip";

    /// <inheritdoc/>
    public IReadOnlyList<HardwareLimit> Limits => [];

    /// <inheritdoc/>
    public IHardwareSpec Map(Module network) => throw Unsupported();

    /// <inheritdoc/>
    public IHardwareConfig Quantise(IHardwareSpec spec) => throw Unsupported();

    /// <inheritdoc/>
    public ValidationReport Validate(IHardwareConfig config) => throw Unsupported();

    /// <inheritdoc/>
    public IHardwareSimulator Simulator(IHardwareConfig config) => throw Unsupported();

    /// <inheritdoc/>
    public void Export(IHardwareConfig config, string path) => throw Unsupported();

    /// <inheritdoc/>
    public IHardwareConfig Import(string path) => throw Unsupported();

    private static QatHostException Unsupported() => new("AcmeChip is a listing fixture; it deploys nothing.");
}

/// <summary>Announces <see cref="AcmeChip"/> to the host.</summary>
public sealed class AcmeTargets : IHardwareTargetProvider
{
    /// <inheritdoc/>
    public IReadOnlyList<IHardwareTarget> Targets { get; } = [new AcmeChip()];
}
