namespace QatHost.Cli;

/// <summary>What <c>qathost</c> returns to the shell.</summary>
public static class ExitCodes
{
    /// <summary>Everything ran.</summary>
    public const int Success = 0;

    /// <summary>A script did not compile or threw, or a plugin failed to load.</summary>
    public const int ScriptError = 1;

    /// <summary>The command line was wrong: unknown option, missing argument, folder that does not exist.</summary>
    public const int BadCommandLine = 2;
}
