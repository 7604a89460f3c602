using QatHost.Sdk.Plugins;

namespace Acme.Qat;

/// <summary>A hardware target, so the listing has one.</summary>
public sealed class AcmeChip : IHardwareTarget
{
    /// <inheritdoc/>
    public string Name => "AcmeChip";

    /// <inheritdoc/>
    public string Description => "Acme test chip";
}
