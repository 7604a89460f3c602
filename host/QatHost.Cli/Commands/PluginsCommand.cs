using System.CommandLine;
using QatHost.Cli.Rendering;

namespace QatHost.Cli.Commands;

/// <summary><c>qathost plugins</c>: lists the plugins found, what each provides, and those that failed.</summary>
public static class PluginsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("plugins", "List the plugins found: name, version, file, transforms, hardware targets; and those that failed, with why.");
        command.SetAction(parsed =>
        {
            if (HostSession.Open(parsed, options) is not { } session) return ExitCodes.BadCommandLine;
            PluginRenderer.Render(session.Plugins, session.PluginSources);
            return session.Plugins.Failures.Count > 0 ? ExitCodes.ScriptError : ExitCodes.Success;
        });
        return command;
    }
}
