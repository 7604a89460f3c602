namespace QatHost.Cli.Input;

/// <summary>Which part of a long line is shown: the line scrolls sideways to keep the cursor in view, so a line
/// never wraps and redrawing stays on one terminal row.</summary>
public readonly record struct LineView(int Start, int Length, int CursorColumn)
{
    /// <summary>The window of a <paramref name="textLength"/>-character line with the cursor at
    /// <paramref name="cursor"/>, in <paramref name="width"/> columns (the cursor may sit after the last).</summary>
    public static LineView Of(int textLength, int cursor, int width)
    {
        width = Math.Max(width, 2);
        if (textLength < width) return new LineView(0, textLength, cursor);
        // Once the cursor is past the first screenful the window ends at the cursor: stateless, so no jumps to track.
        int start = Math.Clamp(cursor - width + 1, 0, textLength - width + 1);
        return new LineView(start, Math.Min(width, textLength - start), cursor - start);
    }
}
