namespace QatHost.Cli.Input;

/// <summary>What a key did to the line being edited.</summary>
public enum LineEditorAction
{
    /// <summary>The line or cursor changed (or nothing did); keep reading keys.</summary>
    Edit,

    /// <summary>Enter: the line is finished.</summary>
    Submit,

    /// <summary>Tab: complete the word before the cursor (the terminal side asks the completion service).</summary>
    Complete,

    /// <summary>F1, or an opening parenthesis just typed: show the signatures of the call around the cursor.</summary>
    Signature,

    /// <summary>Ctrl-C: the line (and any unfinished submission) is dropped.</summary>
    Cancel,

    /// <summary>Ctrl-D on an empty line, or Ctrl-C on an empty line just after another: leave the REPL.</summary>
    Quit,
}
