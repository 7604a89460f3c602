using QatHost.Sdk.Hardware;

namespace QatHost.Xylo;

/// <summary>Announces the four Xylo targets to the host (<c>qathost plugins</c> lists them).</summary>
public sealed class XyloTargets : IHardwareTargetProvider
{
    /// <inheritdoc/>
    public IReadOnlyList<IHardwareTarget> Targets => XyloTarget.All;
}
