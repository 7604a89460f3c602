using QatHost.Cli.Rendering;
using TorchSharp;

namespace QatHost.Cli.Sweeps;

/// <summary><c>QATHOST_THREADS=N</c>: limits torch in this process to N CPU threads. <c>qathost sweep</c> sets it for
/// each trial (from <c>--threads</c>, or Slurm's <c>--cpus-per-task</c>), so parallel trials do not oversubscribe
/// the cores.</summary>
public static class TrialThreads
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "QATHOST_THREADS";

    /// <summary>Applies the variable when set. Returns false, after printing why, when it is not a positive integer.</summary>
    public static bool Apply(bool verbose)
    {
        string? text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(text)) return true;
        if (!int.TryParse(text, out int threads) || threads < 1)
        {
            new DiagnosticRenderer(verbose).CommandLineErrors([$"{Variable}={text}: expected a positive number of threads."]);
            return false;
        }
        torch.set_num_threads(threads);
        return true;
    }
}
