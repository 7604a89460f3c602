using System.CommandLine;
using QatHost.Cli.Rendering;
using QatHost.Scripting;
using QatHost.Scripting.Diagnostics;
using QatHost.Sdk;

namespace QatHost.Cli.Commands;

/// <summary><c>--param name=value</c> under <c>qathost run</c>: the values scripts read with <c>Param(name, default)</c>.</summary>
public static class ParamOption
{
    /// <summary>Creates the repeatable option.</summary>
    public static Option<string[]> Create() => new("--param")
    {
        Description = "Give the script's parameter NAME (read with Param(\"NAME\", default)) the value VALUE. Repeatable.",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The parameters given, reporting to the file named by <c>QATHOST_REPORT_FILE</c> when set; null
    /// after printing why when an option is malformed.</summary>
    public static ScriptParameters? Parse(ParseResult parsed, Option<string[]> option)
    {
        try
        {
            return ScriptParameters.FromCommandLine(parsed.GetValue(option) ?? [],
                Environment.GetEnvironmentVariable(ScriptParameters.ReportFileVariable) is { Length: > 0 } file ? file : null);
        }
        catch (QatHostException e)
        {
            new DiagnosticRenderer(verbose: false).CommandLineErrors([e.Message]);
            return null;
        }
    }

    /// <summary>After a script ran to its end: <see cref="ExitCodes.BadCommandLine"/>, after printing one line, when a
    /// given parameter was never read; otherwise null.</summary>
    public static int? CheckAllRead(ScriptParameters parameters)
    {
        if (parameters.UnreadError() is not { } error) return null;
        new DiagnosticRenderer(verbose: false).Render(new ScriptDiagnostic(Severity.Error, error, Subject: "qathost"));
        return ExitCodes.BadCommandLine;
    }
}
