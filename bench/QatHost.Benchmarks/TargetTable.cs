using QatHost.Sdk.Engine;

namespace QatHost.Benchmarks;

/// <summary>The issue's kernel target: <c>Linear(16, 256) → LIF(256)</c>, batch 32, T = 1000, forward + backward,
/// the fused kernel against the op-by-op Rockpool proxy, measured in the same run.</summary>
public static class TargetTable
{
    public static void Print()
    {
        Console.WriteLine();
        Console.WriteLine("Linear(16, 256) -> LIF(256), B=32, T=1000, forward + backward (ms, fastest run); proxy = bench/rockpool_proxy.py.");
        Console.WriteLine();
        Console.WriteLine("| rec | fused | proxy | proxy / fused |");
        Console.WriteLine("|---|---|---|---|");
        foreach (bool rec in new[] { false, true })
        {
            using var net = new LifNetwork(32, 1000, 256, rec);
            double fused = Measure.Milliseconds(net.With(LifKernel.Fused).ForwardBackward, 4000);
            var proxy = RockpoolProxy.Kernel(32, 1000, 256, rec, runs: 2);
            Console.WriteLine($"| {(rec ? "yes" : "no")} | {fused:F1} | {(proxy is null ? "-" : $"{proxy.FwdBwdMs:F0}")} | " +
                $"{(proxy is null ? "-" : $"**{proxy.FwdBwdMs / fused:F0}**")} |");
        }
    }
}
