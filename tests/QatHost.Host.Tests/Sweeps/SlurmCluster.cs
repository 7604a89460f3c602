using System.Diagnostics;
using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.Sweeps;

/// <summary>
/// A real one-node Slurm cluster for the Slurm tests, started once by <c>tests/Slurm/cluster.sh start</c> (which
/// installs slurm-wlm and munge when missing; root) and stopped after the tests when this fixture started it. When it
/// cannot start, every Slurm test fails with the reason: the tests never skip (CI runs them as root).
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private readonly bool startedHere;

    /// <summary>Starts the cluster unless it is running already.</summary>
    public SlurmCluster()
    {
        if (Script("status").Exit == 0) return;
        var (exit, output) = Script("start", TimeSpan.FromMinutes(20));
        startedHere = true;
        if (exit != 0)
            Failure = $"the Slurm cluster could not start (tests/Slurm/cluster.sh start, exit {exit}" +
                $"{(Environment.GetEnvironmentVariable("CI") == "true" ? ", under CI" : "")}): {output.Trim().Split('\n').Last()}";
    }

    /// <summary>Why the cluster is not there, or null when it is.</summary>
    public string? Failure { get; }

    /// <summary>Fails the calling test with the reason when the cluster is not there.</summary>
    public void Require()
    {
        if (Failure is not null) throw new Xunit.Sdk.XunitException(Failure);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (startedHere) Script("stop");
    }

    private static (int Exit, string Output) Script(string verb, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repository.Path("tests/Slurm/cluster.sh"));
        start.ArgumentList.Add(verb);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"cluster.sh {verb} did not finish within {timeout ?? TimeSpan.FromMinutes(2)}");
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}

/// <summary>The sweep tests that start many qathost processes (and those sharing the cluster): one at a time, and
/// not alongside other test classes, so they do not slow the long example-script tests past their time limit.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SweepCollection : ICollectionFixture<SlurmCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Sweeps";
}
