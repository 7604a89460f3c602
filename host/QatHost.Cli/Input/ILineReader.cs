namespace QatHost.Cli.Input;

/// <summary>Where the REPL's lines come from: a line editor on a terminal, plain lines when input is piped.</summary>
public interface ILineReader : IDisposable
{
    /// <summary>Reads one line; <paramref name="continuing"/> says an unfinished submission is pending.
    /// Returns the line, <see cref="LineInput.Cancelled"/> (Ctrl-C: drop the pending submission) or
    /// <see cref="LineInput.End"/> (end of input: leave).</summary>
    LineInput Read(bool continuing);
}

/// <summary>One result of <see cref="ILineReader.Read"/>.</summary>
/// <param name="Text">The line, without its newline; null for <see cref="End"/> and <see cref="Cancelled"/>.</param>
/// <param name="IsCancelled">True when the user dropped the line.</param>
public readonly record struct LineInput(string? Text, bool IsCancelled = false)
{
    /// <summary>End of input.</summary>
    public static LineInput End => new(null);

    /// <summary>The line and any pending submission were dropped.</summary>
    public static LineInput Cancelled => new(null, IsCancelled: true);
}
