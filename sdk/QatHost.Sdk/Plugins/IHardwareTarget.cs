namespace QatHost.Sdk.Plugins;

/// <summary>
/// A chip a network can be mapped to and exported for, provided by a plugin (for example Xylo). The host
/// lists the targets each plugin provides in <c>qathost plugins</c>.
/// </summary>
/// <remarks>
/// Minimal for now: a name and a description, enough to discover and list targets. Mapping, quantisation,
/// simulation and export members are added by the Xylo work, which completes this contract. Implementations
/// need a public parameterless constructor; the host creates one instance when it loads the plugin.
/// </remarks>
public interface IHardwareTarget
{
    /// <summary>The target's name as users see it, e.g. <c>"Xylo"</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what the target is, e.g. <c>"SynSense Xylo SNN core"</c>.</summary>
    string Description { get; }
}
