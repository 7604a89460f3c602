using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.Sweeps;

/// <summary>The 2x3 grid (bits=2,3 x seed=1..3, bits=3 seed=2 failing) swept once locally per test run, shared by the
/// local tests and the Slurm comparison.</summary>
public static class LocalGrid
{
    private static readonly Lazy<(CliResult Result, string Directory)> Run = new(() =>
    {
        string directory = Path.Combine(TemporaryFolder.Create("sweep-local"), "out");
        return (SweepRun.Sweep(SweepRun.Script, "--param", "bits=2,3", "--param", "seed=1..3", "--out", directory), directory);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>What <c>qathost sweep</c> printed and returned.</summary>
    public static CliResult Result => Run.Value.Result;

    /// <summary>The sweep folder.</summary>
    public static string Directory => Run.Value.Directory;

    /// <summary>The rows expected in grid order (first parameter slowest).</summary>
    public static readonly string[] ExpectedStatuses =
    [
        "bits=2 seed=1 completed", "bits=2 seed=2 completed", "bits=2 seed=3 completed",
        "bits=3 seed=1 completed", "bits=3 seed=2 failed", "bits=3 seed=3 completed",
    ];
}
