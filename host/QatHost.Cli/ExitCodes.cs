namespace QatHost.Cli;

/// <summary>What <c>qathost</c> returns to the shell (listed in docs/host.md and <c>qathost --help</c>).</summary>
public static class ExitCodes
{
    /// <summary>Everything ran.</summary>
    public const int Success = 0;

    /// <summary>A script did not compile or threw, or a plugin failed to load.</summary>
    public const int ScriptError = 1;

    /// <summary>The command line was wrong: unknown option, bad option value, missing argument, a script or
    /// folder that does not exist, a directory named as the script.</summary>
    public const int BadCommandLine = 2;

    /// <summary>Stopped on request (Ctrl-C, or SIGTERM under <c>run</c>): training stopped after its current
    /// batch and its last checkpoint is intact. 128 + SIGINT, as shells report an interrupted command.</summary>
    public const int Interrupted = 130;

    /// <summary>The line <c>qathost --help</c> shows.</summary>
    public const string Summary =
        "Exit codes: 0 ok, 1 script or plugin error, 2 bad command line, 130 stopped on request (Ctrl-C, SIGTERM).";
}
