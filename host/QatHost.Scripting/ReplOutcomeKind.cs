namespace QatHost.Scripting;

/// <summary>The kinds of <see cref="ReplOutcome"/>.</summary>
public enum ReplOutcomeKind
{
    /// <summary>Ran; nothing to show.</summary>
    Ran,

    /// <summary>Ran and ended in an expression whose value is shown.</summary>
    Value,

    /// <summary>Did not compile, or threw; the diagnostics say why.</summary>
    Failed,

    /// <summary><c>#help</c>: show the REPL help.</summary>
    Help,

    /// <summary><c>#plugins</c>: show the loaded plugins.</summary>
    Plugins,

    /// <summary><c>#reset</c>: all state was dropped.</summary>
    Reset,

    /// <summary><c>#save FILE.csx</c>: the successful submissions were written; the value says where.</summary>
    Saved,

    /// <summary><c>#quit</c>: end the session.</summary>
    Quit,
}
