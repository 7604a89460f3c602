using System.Text;

namespace QatHost.Cli.Input;

/// <summary>The line editor's state, without a terminal: keys go in through <see cref="Handle"/>, the text,
/// cursor and history position come out. Entered lines go to the <see cref="InputHistory"/> it was given.</summary>
public sealed class LineEditor(InputHistory history)
{
    private readonly StringBuilder text = new();
    private string draft = "";
    private int historyIndex = history.Entries.Count;
    private bool continuing;

    /// <summary>The line as edited so far.</summary>
    public string Text => text.ToString();

    /// <summary>Where the cursor is: 0 before the first character, <c>Text.Length</c> after the last.</summary>
    public int Cursor { get; private set; }

    /// <summary>True after a Ctrl-C on an empty line: another one quits.</summary>
    public bool QuitArmed { get; private set; }

    /// <summary>Starts a new, empty line. <paramref name="continuing"/> says an unfinished submission is pending,
    /// so a Ctrl-C on the empty line drops that submission rather than arming quit.</summary>
    public void Start(bool continuing)
    {
        text.Clear();
        Cursor = 0;
        draft = "";
        historyIndex = history.Entries.Count;
        this.continuing = continuing;
    }

    /// <summary>Applies one key.</summary>
    public LineEditorAction Handle(ConsoleKeyInfo key)
    {
        bool control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        bool interrupt = key.KeyChar == '\x03' || (control && key.Key == ConsoleKey.C);
        bool wasArmed = QuitArmed;
        QuitArmed = false;
        if (interrupt) return Interrupt(wasArmed);
        if (key.KeyChar == '\x04' || (control && key.Key == ConsoleKey.D))
        {
            if (text.Length == 0) return LineEditorAction.Quit;
            Delete();
            return LineEditorAction.Edit;
        }
        if (key.Key == ConsoleKey.Enter || key.KeyChar is '\r' or '\n') return Submit();
        if (control || char.IsControl(key.KeyChar)) return Command(key);
        Insert(key.KeyChar.ToString());
        return LineEditorAction.Edit;
    }

    private LineEditorAction Interrupt(bool wasArmed)
    {
        if (text.Length > 0 || continuing)
        {
            // The text stays (cursor at its end) so the terminal can show what was dropped; Start clears it.
            Cursor = text.Length;
            return LineEditorAction.Cancel;
        }
        if (wasArmed) return LineEditorAction.Quit;
        QuitArmed = true;
        return LineEditorAction.Cancel;
    }

    private LineEditorAction Submit()
    {
        history.Add(Text);
        return LineEditorAction.Submit;
    }

    private LineEditorAction Command(ConsoleKeyInfo key)
    {
        switch (key.Key)
        {
            case ConsoleKey.LeftArrow or ConsoleKey.B: Cursor = Math.Max(0, Cursor - 1); break;
            case ConsoleKey.RightArrow or ConsoleKey.F: Cursor = Math.Min(text.Length, Cursor + 1); break;
            case ConsoleKey.Home or ConsoleKey.A: Cursor = 0; break;
            case ConsoleKey.End or ConsoleKey.E: Cursor = text.Length; break;
            case ConsoleKey.Backspace or ConsoleKey.H when Cursor > 0: Cursor--; Delete(); break;
            case ConsoleKey.Delete: Delete(); break;
            case ConsoleKey.UpArrow or ConsoleKey.P: Recall(historyIndex - 1); break;
            case ConsoleKey.DownArrow or ConsoleKey.N: Recall(historyIndex + 1); break;
            case ConsoleKey.U: text.Remove(0, Cursor); Cursor = 0; break;
            case ConsoleKey.K: text.Remove(Cursor, text.Length - Cursor); break;
            case ConsoleKey.Escape: text.Clear(); Cursor = 0; break;
            case ConsoleKey.Tab: Insert("    "); break;
        }
        return LineEditorAction.Edit;
    }

    private void Recall(int index)
    {
        if (index < 0 || index > history.Entries.Count) return;
        // The line being typed is kept aside, so going down past the newest entry gives it back.
        if (historyIndex == history.Entries.Count) draft = Text;
        historyIndex = index;
        text.Clear().Append(index == history.Entries.Count ? draft : history.Entries[index]);
        Cursor = text.Length;
    }

    private void Insert(string characters)
    {
        text.Insert(Cursor, characters);
        Cursor += characters.Length;
    }

    private void Delete()
    {
        if (Cursor < text.Length) text.Remove(Cursor, 1);
    }
}
