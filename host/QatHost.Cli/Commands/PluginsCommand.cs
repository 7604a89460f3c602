using System.CommandLine;
using QatHost.Cli.Rendering;
using QatHost.Plugins;
using QatHost.Sdk;
using Spectre.Console;

namespace QatHost.Cli.Commands;

/// <summary><c>qathost plugins</c>: lists the plugins found, what each provides and where installed ones came
/// from, and those that failed; <c>plugins add</c> and <c>plugins remove</c> manage the per-user plugin folder.</summary>
public static class PluginsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("plugins", "List the plugins found: name, version, file, transforms, hardware targets, where installed ones came from; and those that failed, with why.");
        command.SetAction(parsed =>
        {
            if (HostSession.Open(parsed, options) is not { } session) return ExitCodes.BadCommandLine;
            PluginRenderer.Render(session.Plugins, session.PluginSources);
            return session.Plugins.Failures.Count > 0 ? ExitCodes.ScriptError : ExitCodes.Success;
        });
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command Add()
    {
        var package = new Argument<string>("package") { Description = "A package id (e.g. Acme.Clipping) or the path of a .nupkg file." };
        var source = new Option<string>("--source") { Description = "The feed to look in: a folder or a NuGet V3 URL. Default: the feeds of your NuGet configuration.", HelpName = "FEED" };
        var version = new Option<string>("--version") { Description = "The version to install. Default: the highest stable one.", HelpName = "V" };
        var add = new Command("add", $"Install a plugin package into {PluginInstaller.UserFolder()} (replacing an installed plugin of the same name).")
        {
            package, source, version,
        };
        add.SetAction(parsed => Run(() =>
        {
            var installed = PluginInstaller.Install(parsed.GetValue(package)!, parsed.GetValue(source), parsed.GetValue(version));
            Terminal.Out.WriteLine($"Installed {installed.Name} {installed.Version} from {installed.Source} into {installed.Folder}");
        }));
        return add;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = "The installed plugin's package id, as `qathost plugins` lists it." };
        var remove = new Command("remove", $"Remove a plugin installed with `qathost plugins add` from {PluginInstaller.UserFolder()}.") { name };
        remove.SetAction(parsed => Run(() =>
        {
            var removed = PluginInstaller.Remove(parsed.GetValue(name)!);
            Terminal.Out.WriteLine($"Removed {removed.Name} {removed.Version} ({removed.Folder})");
        }));
        return remove;
    }

    private static int Run(Action action)
    {
        try
        {
            action();
            return ExitCodes.Success;
        }
        catch (QatHostException e)
        {
            Terminal.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.ScriptError;
        }
    }
}
