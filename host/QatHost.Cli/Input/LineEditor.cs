using System.Text;

namespace QatHost.Cli.Input;

/// <summary>The line editor's state, without a terminal: keys go in through <see cref="Handle"/>, the text,
/// cursor and history position come out. Entered lines go to the <see cref="InputHistory"/> it was given.
/// Ctrl-R searches the history backwards (type to narrow, Ctrl-R again for older matches, Enter runs the match,
/// another editing key keeps it for editing, Esc or Ctrl-G gives the line back as it was).</summary>
public sealed class LineEditor(InputHistory history)
{
    private readonly StringBuilder text = new();
    private string draft = "";
    private int historyIndex = history.Entries.Count;
    private bool continuing;
    private string searchOriginal = "";
    private int searchIndex;

    /// <summary>What is being searched for while Ctrl-R search is on; null otherwise.</summary>
    public string? SearchQuery { get; private set; }

    /// <summary>True while searching when no history entry holds <see cref="SearchQuery"/>.</summary>
    public bool SearchFailed { get; private set; }

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
        SearchQuery = null;
        SearchFailed = false;
    }

    /// <summary>Replaces <paramref name="length"/> characters at <paramref name="start"/> (a completed word) and
    /// puts the cursor after the replacement.</summary>
    public void Replace(int start, int length, string replacement)
    {
        text.Remove(start, length).Insert(start, replacement);
        Cursor = start + replacement.Length;
    }

    /// <summary>Applies one key.</summary>
    public LineEditorAction Handle(ConsoleKeyInfo key)
    {
        bool control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        bool interrupt = key.KeyChar == '\x03' || (control && key.Key == ConsoleKey.C);
        bool wasArmed = QuitArmed;
        QuitArmed = false;
        if (SearchQuery is not null && Search(key, control, interrupt) is { } searched) return searched;
        if (interrupt) return Interrupt(wasArmed);
        if (key.KeyChar == '\x04' || (control && key.Key == ConsoleKey.D))
        {
            if (text.Length == 0) return LineEditorAction.Quit;
            Delete();
            return LineEditorAction.Edit;
        }
        if (key.Key == ConsoleKey.Enter || key.KeyChar is '\r' or '\n') return Submit();
        if (key.Key == ConsoleKey.F1) return LineEditorAction.Signature;
        if (control || char.IsControl(key.KeyChar)) return Command(key);
        Insert(key.KeyChar.ToString());
        return key.KeyChar == '(' ? LineEditorAction.Signature : LineEditorAction.Edit;
    }

    // A key while Ctrl-R search is on. Null: the search ended keeping the match, and the key edits as usual.
    private LineEditorAction? Search(ConsoleKeyInfo key, bool control, bool interrupt)
    {
        bool printable = !control && !char.IsControl(key.KeyChar) && key.KeyChar != '\0';
        if (printable)
        {
            SearchQuery += key.KeyChar;
            Find(Math.Min(searchIndex, history.Entries.Count - 1));
            return LineEditorAction.Edit;
        }
        if (control && key.Key == ConsoleKey.R || key.KeyChar == '\x12')
        {
            Find(searchIndex - 1);
            return LineEditorAction.Edit;
        }
        if (key.Key == ConsoleKey.Backspace || key.KeyChar is '\b' or '\x7f')
        {
            if (SearchQuery!.Length > 0) SearchQuery = SearchQuery[..^1];
            Find(history.Entries.Count - 1);
            return LineEditorAction.Edit;
        }
        bool cancel = interrupt || key.Key == ConsoleKey.Escape || key.KeyChar == '\x1b' || (control && key.Key == ConsoleKey.G) || key.KeyChar == '\x07';
        SearchQuery = null;
        SearchFailed = false;
        if (cancel)
        {
            text.Clear().Append(searchOriginal);
            Cursor = text.Length;
            return interrupt ? null : LineEditorAction.Edit;
        }
        return null;
    }

    // The newest entry at or before index holding the query becomes the line; none found: the line stays.
    private void Find(int from)
    {
        for (int i = Math.Min(from, history.Entries.Count - 1); i >= 0; i--)
        {
            int at = history.Entries[i].IndexOf(SearchQuery!, StringComparison.Ordinal);
            if (at < 0) continue;
            searchIndex = i;
            SearchFailed = false;
            text.Clear().Append(history.Entries[i]);
            Cursor = at;
            return;
        }
        SearchFailed = SearchQuery!.Length > 0;
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
            case ConsoleKey.Tab:
                // At the start of a line (or after blanks) Tab indents; after a word it completes.
                if (Cursor == 0 || char.IsWhiteSpace(text[Cursor - 1])) Insert("    ");
                else return LineEditorAction.Complete;
                break;
            case ConsoleKey.R:
                searchOriginal = Text;
                searchIndex = history.Entries.Count;
                SearchQuery = "";
                SearchFailed = false;
                break;
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
