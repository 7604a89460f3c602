using QatHost.Cli.Rendering;
using Spectre.Console;

namespace QatHost.Cli.Input;

/// <summary>The line editor on a terminal: reads keys, hands them to <see cref="LineEditor"/>, and redraws the
/// prompt and line after each. Ctrl-C is read as a key while a line is edited (and only then), so it clears the
/// line instead of ending the process; while a submission runs it behaves as usual.</summary>
public sealed class TerminalLineReader(ReplRenderer view, InputHistory history) : ILineReader
{
    private const int PromptWidth = 2;
    private readonly LineEditor editor = new(history);

    /// <inheritdoc/>
    public LineInput Read(bool continuing)
    {
        editor.Start(continuing);
        bool treatControlCAsInput = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            Draw(continuing);
            while (true)
            {
                var action = editor.Handle(Console.ReadKey(intercept: true));
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

    private void Draw(bool continuing)
    {
        string text = editor.Text;
        var window = LineView.Of(text.Length, editor.Cursor, Width() - PromptWidth - 1);
        Console.Out.Write('\r');
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
