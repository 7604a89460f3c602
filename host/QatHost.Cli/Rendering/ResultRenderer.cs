using Spectre.Console;

namespace QatHost.Cli.Rendering;

/// <summary>Prints what commands produce on standard output, and verbose notes on standard error.</summary>
public sealed class ResultRenderer(bool verbose)
{
    /// <summary>Where scripts print (<c>Print</c>, and <c>Console</c> directly): standard output.</summary>
    public TextWriter ScriptOutput => Console.Out;

    /// <summary>A note shown only with <c>--verbose</c>, e.g. timings and cache use.</summary>
    public void Verbose(string message)
    {
        if (verbose) Terminal.Error.WriteLine("qathost: " + message, new Style(Color.Grey));
    }
}
