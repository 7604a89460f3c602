namespace QatHost.Sdk.Hardware;

/// <summary>Whether a design-rule violation stops deployment.</summary>
public enum ViolationSeverity
{
    /// <summary>The chip cannot run the network as specified; mapping, export and simulation refuse it.</summary>
    Error,
    /// <summary>The chip can run it, but the result may differ from what the user expects; shown, never fatal.</summary>
    Warning,
}
