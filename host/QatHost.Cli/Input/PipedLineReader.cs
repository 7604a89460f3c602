using QatHost.Cli.Rendering;

namespace QatHost.Cli.Input;

/// <summary>Plain lines from standard input, as piped sessions and tests give them, with the prompt shown only
/// when input comes from a terminal.</summary>
public sealed class PipedLineReader(ReplRenderer view) : ILineReader
{
    /// <inheritdoc/>
    public LineInput Read(bool continuing)
    {
        view.Prompt(continuing);
        return new LineInput(Console.In.ReadLine());
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
