using System.CommandLine;
using System.CommandLine.Invocation;
using QatHost.Cli;
using QatHost.Cli.Commands;
using QatHost.Cli.Rendering;

var options = new GlobalOptions();
var root = new RootCommand("qathost: quantisation-aware training of spiking neural networks, driven by C# scripts.\n" + ExitCodes.Summary)
{
    RunCommand.Create(options),
    ReplCommand.Create(options),
    PluginsCommand.Create(options),
};
options.AddTo(root);

var parsed = root.Parse(args);
if (parsed.Action is ParseErrorAction)
{
    new DiagnosticRenderer(verbose: false).CommandLineErrors(parsed.Errors.Select(e => e.Message));
    return ExitCodes.BadCommandLine;
}
return parsed.Invoke();
