namespace QatHost.Host.Tests.Support;

/// <summary>What a <c>qathost</c> process did: exit code and both output streams, split into lines.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output, one entry per line.</summary>
    public IReadOnlyList<string> OutputLines => Lines(Output);

    /// <summary>Standard error, one entry per line.</summary>
    public IReadOnlyList<string> ErrorLines => Lines(Error);

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <inheritdoc/>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
