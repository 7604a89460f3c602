using System.CommandLine;

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
        Description = "Seed TorchSharp and every generator the SDK hands out, so a run repeats exactly.",
        HelpName = "N",
        Recursive = true,
    };

    /// <summary>Shows timings, cache use and full stack traces.</summary>
    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show timings, compilation cache use and full stack traces.",
        Recursive = true,
    };

    /// <summary>Adds the options to the root command, where every subcommand inherits them.</summary>
    public void AddTo(RootCommand root)
    {
        root.Options.Add(Plugins);
        root.Options.Add(Seed);
        root.Options.Add(Verbose);
    }
}
