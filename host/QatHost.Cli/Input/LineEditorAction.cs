namespace QatHost.Cli.Input;

/// <summary>What a key did to the line being edited.</summary>
public enum LineEditorAction
{
    /// <summary>The line or cursor changed (or nothing did); keep reading keys.</summary>
    Edit,

    /// <summary>Enter: the line is finished.</summary>
    Submit,

    /// <summary>Ctrl-C: the line (and any unfinished submission) is dropped.</summary>
    Cancel,

    /// <summary>Ctrl-D on an empty line, or Ctrl-C on an empty line just after another: leave the REPL.</summary>
    Quit,
}
