using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace QatHost.Packaging.Tests;

/// <summary>What a command printed and returned.</summary>
public sealed record Outcome(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Everything the command printed, for assertion messages.</summary>
    public string Transcript => $"$ {Command}\n(exit {ExitCode})\n{Output}\n{Error}";
}

/// <summary>Runs commands as a user would, in a given folder with a given environment, and keeps a log.</summary>
public sealed class Shell(string workingDirectory, IReadOnlyDictionary<string, string> environment)
{
    private readonly StringBuilder log = new();

    /// <summary>Every command run so far with its output, for failure messages.</summary>
    public string Log => log.ToString();

    /// <summary>The repository this test packs.</summary>
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    /// <summary>The version in Directory.Build.props (QatHostVersion).</summary>
    public static string BaseVersion => Metadata("QatHostVersion");

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; fails the test, with the log, when it
    /// does not exit with <paramref name="expectedExit"/> (null: any exit code).</summary>
    public Outcome Run(string file, IEnumerable<string> args, int? expectedExit = 0, string? inFolder = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = inFolder ?? workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        // The test host's MSBuild variables would point child builds at the wrong toolset.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment.Remove("QATHOST_PLUGINS");
        foreach (var (key, value) in environment) start.Environment[key] = value;

        string command = $"{Path.GetFileName(file)} {string.Join(' ', args.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))}";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish in time.\n{Log}");
        }
        var outcome = new Outcome(command, process.ExitCode, output.Result, error.Result);
        log.AppendLine($"$ {command}   [{clock.Elapsed.TotalSeconds:0}s, exit {outcome.ExitCode}]");
        if (expectedExit is { } expected && outcome.ExitCode != expected)
            throw new Xunit.Sdk.XunitException($"expected exit {expected}:\n{outcome.Transcript}\n--- log ---\n{Log}");
        return outcome;
    }

    /// <summary>Runs <c>dotnet ARGS</c>.</summary>
    public Outcome Dotnet(params string[] args) => Run("dotnet", args);

    private static string Metadata(string key) => typeof(Shell).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
