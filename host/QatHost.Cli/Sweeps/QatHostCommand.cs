using System.Reflection;

namespace QatHost.Cli.Sweeps;

/// <summary>How to start this same <c>qathost</c> again as a child process: the executable, or <c>dotnet qathost.dll</c>
/// when the host itself was started that way.</summary>
public static class QatHostCommand
{
    /// <summary>The program and leading arguments, e.g. <c>["/opt/qathost/qathost"]</c> or <c>["/usr/bin/dotnet", "/opt/qathost/qathost.dll"]</c>.</summary>
    public static IReadOnlyList<string> Prefix { get; } = Create();

    private static IReadOnlyList<string> Create()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        string name = Path.GetFileNameWithoutExtension(process);
        return string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase)
            ? [process, Assembly.GetEntryAssembly()!.Location]
            : [process];
    }
}
