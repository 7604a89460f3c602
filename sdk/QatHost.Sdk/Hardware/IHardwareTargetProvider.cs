namespace QatHost.Sdk.Hardware;

/// <summary>
/// How a plugin announces its hardware targets: the host creates every public, non-abstract class with a
/// parameterless constructor that implements this interface, and lists <see cref="Targets"/>.
/// </summary>
public interface IHardwareTargetProvider
{
    /// <summary>The targets this plugin provides, in the order they should be listed.</summary>
    IReadOnlyList<IHardwareTarget> Targets { get; }
}
