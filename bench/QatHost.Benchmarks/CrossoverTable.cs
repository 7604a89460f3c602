using QatHost.Sdk.Engine;

namespace QatHost.Benchmarks;

/// <summary>Where the reference loop beats the fused kernel: forward + backward of <c>Linear(16, N) → LIF(N)</c>
/// with each kernel forced, over short evolutions (fastest run, wall clock and process CPU), and which kernel
/// <see cref="LifKernel.Auto"/> picks (<see cref="LIFTorch.ChooseKernel"/>).</summary>
public static class CrossoverTable
{
    public static void Print()
    {
        Console.WriteLine();
        Console.WriteLine("Crossover: Linear(16, N) -> LIF(N), forward + backward (ms, fastest run); x = reference / fused " +
                          "(wall, cpu); auto = what LifKernel.Auto runs.");
        Console.WriteLine();
        Console.WriteLine("| B | T | N | rec | reference | fused | x | cpu x | auto picks |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (int b in new[] { 1, 64 })
            foreach (int t in new[] { 1, 2, 3, 5, 10 })
                foreach (bool rec in new[] { false, true })
                {
                    const int n = 128;
                    using var net = new LifNetwork(b, t, n, rec);
                    var reference = Measure.Time(net.With(LifKernel.Reference).ForwardBackward, 300);
                    var fused = Measure.Time(net.With(LifKernel.Fused).ForwardBackward, 300);
                    Console.WriteLine($"| {b} | {t} | {n} | {(rec ? "yes" : "no")} | {reference.WallMs:F2} | {fused.WallMs:F2} | " +
                        $"{reference.WallMs / fused.WallMs:F2} | {reference.CpuMs / fused.CpuMs:F2} | {LIFTorch.ChooseKernel(t)} |");
                }
    }
}
