using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace QatHost.Cli;

/// <summary>The options every command accepts: <c>--plugins DIR</c> (repeatable), <c>--seed N</c>, <c>--verbose</c>.</summary>
public sealed class GlobalOptions
{
    /// <summary>Extra plugin folders, searched after the one beside the executable.</summary>
    public Option<string[]> Plugins { get; } = new("--plugins")
    {
        Description = "Load plugins from DIR too (one folder per plugin: DIR/<Name>/<Name>.dll). Repeatable.",
        HelpName = "DIR",
        Recursive = true,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Seeds TorchSharp and every generator the SDK hands out.</summary>
    public Option<long?> Seed { get; } = new("--seed")
    {
        Description = "Seed TorchSharp and every generator the SDK hands out, so a run repeats exactly (any 64-bit integer, negative too).",
        HelpName = "N",
        Recursive = true,
        CustomParser = ParseSeed,
    };

    /// <summary>Shows timings, cache use and full stack traces.</summary>
    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show timings, compilation cache use and full stack traces.",
        Recursive = true,
    };

    // The default parser names a .NET type ("System.Nullable`1[System.Int64]") when the value is not a number.
    private static long? ParseSeed(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seed)) return seed;
        result.AddError($"--seed must be an integer (64-bit, negative allowed), e.g. --seed 42 (got '{text}')");
        return null;
    }

    /// <summary>Adds the options to the root command, where every subcommand inherits them.</summary>
    public void AddTo(RootCommand root)
    {
        root.Options.Add(Plugins);
        root.Options.Add(Seed);
        root.Options.Add(Verbose);
    }
}
