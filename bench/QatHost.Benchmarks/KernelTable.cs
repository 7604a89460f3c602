using QatHost.Sdk.Engine;

namespace QatHost.Benchmarks;

/// <summary>The main table: <c>LinearTorch(16, N) → LIFTorch(N)</c>, batch 32, reference and fused kernel measured
/// in the same run, forward only (no graph) and forward + backward; peak memory of forward + backward; what the
/// graph holds between forward and backward; for recurrent layers, the fused path against its own matrix multiplies.</summary>
public static class KernelTable
{
    public static void Print(int batches, int[] steps, int[] neurons)
    {
        Console.WriteLine();
        Console.WriteLine($"LinearTorch(16, N) -> LIFTorch(N), batch {batches}. Times are medians in ms; x = reference / fused.");
        Console.WriteLine("Memory: peak growth during forward+backward, native / managed MB; graph = resident MB held between forward and backward.");
        Console.WriteLine();
        Console.WriteLine("| T | N | rec | fwd ref | fwd fused | x | fwd+bwd ref | fwd+bwd fused | x | mem ref (nat/man) | mem fused (nat/man) | graph ref | graph fused | fused traces | matmul floor fwd / fwd+bwd | fused / floor (fwd, fwd+bwd) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (int t in steps)
            foreach (int n in neurons)
                foreach (bool rec in new[] { false, true })
                    Row(batches, t, n, rec);
    }

    private static void Row(int batches, int steps, int neurons, bool recurrent)
    {
        using var net = new LifNetwork(batches, steps, neurons, recurrent);
        double budget = steps * neurons > 200_000 ? 4000 : 1500;
        double fwdRef = Measure.Milliseconds(net.With(LifKernel.Reference).Forward, budget);
        double fwdFused = Measure.Milliseconds(net.With(LifKernel.Fused).Forward, budget);
        double bothRef = Measure.Milliseconds(net.With(LifKernel.Reference).ForwardBackward, budget);
        double bothFused = Measure.Milliseconds(net.With(LifKernel.Fused).ForwardBackward, budget);
        var memRef = Measure.PeakMemory(net.With(LifKernel.Reference).ForwardBackward);
        var memFused = Measure.PeakMemory(net.With(LifKernel.Fused).ForwardBackward);
        double graphRef = Measure.RetainedMb(net.With(LifKernel.Reference).ForwardWithGraph);
        double graphFused = Measure.RetainedMb(net.With(LifKernel.Fused).ForwardWithGraph);
        string floor = "-", versusFloor = "-";
        if (recurrent)
        {
            var (floorFwd, floorBoth) = MatmulFloor.Measure(batches, steps, neurons);
            floor = $"{floorFwd:F1} / {floorBoth:F1}";
            versusFloor = $"{fwdFused / floorFwd:F2}, {bothFused / floorBoth:F2}";
        }
        Console.WriteLine($"| {steps} | {neurons} | {(recurrent ? "yes" : "no")} | {fwdRef:F1} | {fwdFused:F1} | {fwdRef / fwdFused:F1} | " +
            $"{bothRef:F1} | {bothFused:F1} | {bothRef / bothFused:F1} | {memRef.NativeMb:F0} / {memRef.ManagedMb:F1} | " +
            $"{memFused.NativeMb:F0} / {memFused.ManagedMb:F1} | {graphRef:F0} | {graphFused:F0} | {net.FusedTraceMb:F0} | {floor} | {versusFloor} |");
    }
}
