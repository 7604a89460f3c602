using QatHost.Cli.Rendering;
using QatHost.Scripting.Completion;
using Spectre.Console;

namespace QatHost.Cli.Input;

/// <summary>The line editor on a terminal: reads keys, hands them to <see cref="LineEditor"/>, and redraws the
/// prompt and line after each. Ctrl-C is read as a key while a line is edited (and only then), so it clears the
/// line instead of ending the process; while a submission runs it behaves as usual.
/// Tab completes and F1 (or typing <c>(</c>) shows signatures through <see cref="ReplCompletion"/>, on a
/// background thread: a key pressed before the answer comes abandons it, so completion never blocks typing.</summary>
public sealed class TerminalLineReader(ReplRenderer view, InputHistory history, ReplCompletion? completion = null,
    Func<string>? pending = null) : ILineReader
{
    private const int PromptWidth = 2;

    /// <summary>Candidates listed per Tab when there are many; the next Tab lists the next page.</summary>
    public const int PageSize = 40;

    private readonly LineEditor editor = new(history);
    private (string Text, int Cursor, int Page)? listed;

    /// <inheritdoc/>
    public LineInput Read(bool continuing)
    {
        editor.Start(continuing);
        listed = null;
        bool treatControlCAsInput = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            Draw(continuing);
            while (true)
            {
                var action = editor.Handle(Console.ReadKey(intercept: true));
                if (action == LineEditorAction.Complete) Complete(continuing);
                else if (action == LineEditorAction.Signature) Signature();
                if (action != LineEditorAction.Complete) listed = null;
                if (action != LineEditorAction.Submit) Draw(continuing);
                switch (action)
                {
                    case LineEditorAction.Submit:
                        DrawWhole(continuing);
                        history.Save();
                        return new LineInput(editor.Text);
                    case LineEditorAction.Cancel:
                        Console.Out.WriteLine("^C");
                        if (editor.QuitArmed) Terminal.Out.MarkupLine("[grey](Ctrl-C again or Ctrl-D to quit)[/]");
                        return LineInput.Cancelled;
                    case LineEditorAction.Quit:
                        Console.Out.WriteLine();
                        return LineInput.End;
                }
            }
        }
        finally
        {
            Console.TreatControlCAsInput = treatControlCAsInput;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => history.Save();

    // First Tab: the unique candidate, or what all candidates share. Tab again with nothing to add: list them,
    // a page at a time.
    private void Complete(bool continuing)
    {
        if (completion is null) return;
        string before = pending?.Invoke() ?? "";
        var result = Ask(cancel => completion.CompleteAsync(before + editor.Text, before.Length + editor.Cursor, cancel));
        if (result is null || result.Candidates.Count == 0 || result.Start < before.Length) return;
        int start = result.Start - before.Length;
        if (result.Candidates.Count == 1)
        {
            editor.Replace(start, result.Typed.Length, result.Candidates[0].Insert);
            listed = null;
            return;
        }
        string common = result.CommonPrefix();
        if (common.Length > result.Typed.Length)
        {
            editor.Replace(start, result.Typed.Length, common);
            listed = null;
            return;
        }
        int page = listed is { } l && l.Text == editor.Text && l.Cursor == editor.Cursor ? l.Page + 1 : 0;
        if (page * PageSize >= result.Candidates.Count) page = 0;
        listed = (editor.Text, editor.Cursor, page);
        Console.Out.WriteLine();
        foreach (string line in Columns(result.Candidates.Skip(page * PageSize).Take(PageSize).Select(c => c.Display).ToList()))
            Console.Out.WriteLine(line);
        int shown = Math.Min(result.Candidates.Count, (page + 1) * PageSize);
        if (shown < result.Candidates.Count)
            Terminal.Out.MarkupLine($"[grey]-- {shown} of {result.Candidates.Count}; Tab for more --[/]");
    }

    private void Signature()
    {
        if (completion is null) return;
        string before = pending?.Invoke() ?? "";
        var help = Ask(cancel => completion.SignatureAsync(before + editor.Text, before.Length + editor.Cursor, cancel));
        if (help is null) return;
        Console.Out.WriteLine();
        foreach (string line in help.Lines()) Console.Out.WriteLine(line);
    }

    // Runs a request in the background until it answers or a key is pressed (then it is abandoned).
    private static T? Ask<T>(Func<CancellationToken, Task<T>> request) where T : class
    {
        using var cancel = new CancellationTokenSource();
        var task = Task.Run(() => request(cancel.Token));
        while (!task.IsCompleted)
        {
            if (Console.KeyAvailable)
            {
                cancel.Cancel();
                task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                return null;
            }
            task.Wait(5);
        }
        return task.IsCompletedSuccessfully ? task.Result : null;
    }

    private static IEnumerable<string> Columns(IReadOnlyList<string> items)
    {
        int width = items.Max(i => i.Length) + 2;
        int perRow = Math.Max(1, (Width() - 1) / width);
        for (int i = 0; i < items.Count; i += perRow)
            yield return string.Concat(items.Skip(i).Take(perRow).Select(c => c.PadRight(width))).TrimEnd();
    }

    private void Draw(bool continuing)
    {
        Console.Out.Write('\r');
        if (editor.SearchQuery is { } query)
        {
            // Bash's layout: the query, then the matching entry with the cursor at the match.
            string label = $"({(editor.SearchFailed ? "failed " : "")}reverse-i-search)'{query}': ";
            var shown = LineView.Of(editor.Text.Length, editor.Cursor, Math.Max(10, Width() - label.Length - 1));
            Console.Out.Write($"{label}{editor.Text.AsSpan(shown.Start, shown.Length)}\x1b[K\r\x1b[{label.Length + shown.CursorColumn}C");
            return;
        }
        string text = editor.Text;
        var window = LineView.Of(text.Length, editor.Cursor, Width() - PromptWidth - 1);
        view.Prompt(continuing);
        // Erase what is left of a longer earlier line, then put the cursor back from the row's start.
        Console.Out.Write($"{text.AsSpan(window.Start, window.Length)}\x1b[K\r\x1b[{PromptWidth + window.CursorColumn}C");
    }

    // A long line scrolled sideways while edited; once entered it is shown whole, wrapping as the terminal likes.
    private void DrawWhole(bool continuing)
    {
        Console.Out.Write('\r');
        view.Prompt(continuing);
        Console.Out.WriteLine($"\x1b[K{editor.Text}");
    }

    private static int Width()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 80; }
        catch (IOException) { return 80; }
    }
}
