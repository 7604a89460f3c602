using System.Diagnostics;

namespace QatHost.Host.Tests.Support;

/// <summary>Programs the host tests take from the system (tmux, Debian's python3-nbformat): running them, and making
/// sure a Debian package is there. Under CI (<c>CI=true</c>) a missing package is installed; when that fails, or
/// outside CI, the test fails with how to install it rather than skipping.</summary>
public static class SystemTool
{
    /// <summary>Runs <paramref name="program"/> to its end; its exit code and its output and error text together.</summary>
    public static (int Exit, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    /// <summary>Null when <paramref name="available"/> holds, after installing <paramref name="package"/> under CI if
    /// needed; otherwise why it is missing, for a test that needs it <paramref name="purpose"/> (e.g. "to validate notebooks").</summary>
    public static string? Require(string package, Func<bool> available, string purpose)
    {
        if (available()) return null;
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            var (exit, output) = Run("bash", "-c", $"apt-get update -qq && apt-get install -y -qq {package}");
            return available() ? null : $"{package} is missing and installing it failed (exit {exit}):\n{output}";
        }
        return $"{package} is missing: install it (apt-get install {package}) {purpose}; under CI=true the tests install it themselves.";
    }
}
