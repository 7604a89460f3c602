using QatHost.Sdk.Engine;

namespace QatHost.Benchmarks;

/// <summary>Where the reference loop beats the fused kernel: forward + backward of <c>Linear(16, N) → LIF(N)</c>
/// with each kernel forced, over small shapes (ms, fastest run), and which one <see cref="LifKernel.Auto"/> picks.</summary>
public static class CrossoverTable
{
    public static void Print()
    {
        Console.WriteLine();
        Console.WriteLine("Crossover: Linear(16, N) -> LIF(N), forward + backward (ms, fastest run); auto = what LifKernel.Auto runs.");
        Console.WriteLine();
        Console.WriteLine("| B | T | N | rec | reference | fused | ref / fused | auto picks |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (int b in new[] { 1, 8, 64 })
            foreach (int t in new[] { 1, 4, 28 })
                foreach (int n in new[] { 8, 128 })
                    foreach (bool rec in new[] { false, true })
                    {
                        using var net = new LifNetwork(b, t, n, rec);
                        double reference = Measure.Milliseconds(net.With(LifKernel.Reference).ForwardBackward, 300);
                        double fused = Measure.Milliseconds(net.With(LifKernel.Fused).ForwardBackward, 300);
                        Console.WriteLine($"| {b} | {t} | {n} | {(rec ? "yes" : "no")} | {reference:F2} | {fused:F2} | {reference / fused:F2} | " +
                            $"- |");
                    }
    }
}
