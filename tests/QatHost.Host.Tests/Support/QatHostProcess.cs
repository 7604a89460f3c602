using System.Diagnostics;

namespace QatHost.Host.Tests.Support;

/// <summary>Runs the built <c>qathost</c> as a separate process from the repository root, with a compilation
/// cache folder shared by this test run unless a test passes its own.</summary>
public static class QatHostProcess
{
    // Tests that do not test the cache share one, so most runs are warm; the cache is safe to share.
    private static readonly Lazy<string> SharedCache = new(() => TemporaryFolder.Create("cache"));

    /// <summary>Runs <c>qathost ARGS</c>; <paramref name="input"/> is piped to standard input.</summary>
    public static CliResult Run(IEnumerable<string> args, string? input = null, string? cacheDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Repository.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Repository.CliAssembly);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["QATHOST_CACHE"] = cacheDirectory ?? SharedCache.Value;
        start.Environment.Remove("QATHOST_PLUGINS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"qathost {string.Join(' ', args)} did not finish in {limit.TotalMinutes} minutes.");
        }
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }

    /// <inheritdoc cref="Run(IEnumerable{string}, string?, string?, IReadOnlyDictionary{string, string}?, string?, TimeSpan?)"/>
    public static CliResult Run(params string[] args) => Run((IEnumerable<string>)args);
}
