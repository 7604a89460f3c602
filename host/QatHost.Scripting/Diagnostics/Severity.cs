namespace QatHost.Scripting.Diagnostics;

/// <summary>How serious a <see cref="ScriptDiagnostic"/> is; errors stop the run.</summary>
public enum Severity
{
    /// <summary>Stops the script from compiling or running.</summary>
    Error,

    /// <summary>Worth reading; the script still runs.</summary>
    Warning,

    /// <summary>Context for the diagnostic before it.</summary>
    Note,
}
