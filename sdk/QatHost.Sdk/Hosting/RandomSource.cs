using TorchSharp;
using static TorchSharp.torch;

namespace QatHost.Sdk.Hosting;

/// <summary>
/// The run's seed and the generators the SDK hands out. The host calls <see cref="SetSeed"/> for
/// <c>--seed N</c>; after that torch's global generator and every generator from
/// <see cref="CreateGenerator"/> repeat exactly from run to run.
/// </summary>
/// <remarks>Process-wide on purpose: a seed is a property of the run, like the command line.</remarks>
public static class RandomSource
{
    private static long handedOut;

    /// <summary>The seed set for this run, or null when runs are not reproducible.</summary>
    public static long? Seed { get; private set; }

    /// <summary>Seeds torch's global generator with <paramref name="seed"/> and restarts the sequence of
    /// generators <see cref="CreateGenerator"/> hands out.</summary>
    public static void SetSeed(long seed)
    {
        Seed = seed;
        Interlocked.Exchange(ref handedOut, 0);
        torch.manual_seed(seed);
    }

    /// <summary>A new generator for a stochastic component. With a seed set, the n-th generator of a run
    /// is seeded from the run seed and n, so it is the same in every run; otherwise it is seeded randomly.</summary>
    public static Generator CreateGenerator()
    {
        long n = Interlocked.Increment(ref handedOut);
        long seed = Seed is { } s ? unchecked(s * 6364136223846793005L + n * 1442695040888963407L) & long.MaxValue
                                  : Random.Shared.NextInt64();
        return new Generator((ulong)seed);
    }
}
