using System.Diagnostics;

namespace QatHost.Host.Tests.Support;

/// <summary>
/// Validates notebooks against the nbformat v4 schema with the reference implementation, Debian's
/// <c>python3-nbformat</c> (run by the system Python, <c>/usr/bin/python3</c>). Under CI (<c>CI=true</c>) it
/// installs the package when missing; when it cannot, the test fails rather than skipping the check.
/// </summary>
public static class NbformatValidator
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> Missing = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Null when the notebook is valid; otherwise nbformat's complaint.</summary>
    public static string? Validate(string path)
    {
        if (Missing.Value is { } why) throw new InvalidOperationException(why);
        var (exit, output) = Run(Python, "-c",
            "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT); " +
            "assert nb.nbformat == 4, nb.nbformat; nbformat.validate(nb); print('valid')", path);
        return exit == 0 && output.Trim() == "valid" ? null : output;
    }

    private static string? Prepare()
    {
        if (Available()) return null;
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            var (exit, output) = Run("bash", "-c", "apt-get update -qq && apt-get install -y -qq python3-nbformat");
            if (Available()) return null;
            return $"python3-nbformat is missing and installing it failed (exit {exit}):\n{output}";
        }
        return "python3-nbformat is missing: install it (apt-get install python3-nbformat) to validate notebooks; " +
               "under CI=true the tests install it themselves.";
    }

    private static bool Available() => File.Exists(Python) && Run(Python, "-c", "import nbformat").Exit == 0;

    private static (int Exit, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
