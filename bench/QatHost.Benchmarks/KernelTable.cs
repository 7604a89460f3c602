using QatHost.Sdk.Engine;

namespace QatHost.Benchmarks;

/// <summary>The main tables for <c>LinearTorch(16, N) → LIFTorch(N)</c>, batch 32, with the reference and the fused
/// kernel measured in the same run: time (forward only without a graph, and forward + backward), memory, and for
/// recurrent layers the fused path against its own matrix multiplies.</summary>
public static class KernelTable
{
    private sealed record Row(int Steps, int Neurons, bool Recurrent,
        (double WallMs, double CpuMs) FwdRef, (double WallMs, double CpuMs) FwdFused,
        (double WallMs, double CpuMs) BothRef, (double WallMs, double CpuMs) BothFused,
        (double NativeMb, double ManagedMb) MemRef, (double NativeMb, double ManagedMb) MemFused,
        double GraphRef, double GraphFused, double TracesMb, (double ForwardMs, double ForwardBackwardMs)? Floor);

    public static void Print(int batches, int[] steps, int[] neurons)
    {
        var rows = new List<Row>();
        foreach (int t in steps)
            foreach (int n in neurons)
                foreach (bool rec in new[] { false, true })
                {
                    rows.Add(Measure(batches, t, n, rec));
                    Console.Error.WriteLine($"  measured T={t} N={n} rec={rec}; load {Machine.Load()}");
                }

        Console.WriteLine();
        Console.WriteLine($"Time: LinearTorch(16, N) -> LIFTorch(N), batch {batches}; fastest run in ms (wall clock); " +
                          "x = reference / fused; cpu x = the same ratio of process CPU time.");
        Console.WriteLine();
        Console.WriteLine("| T | N | rec | fwd ref | fwd fused | x | cpu x | fwd+bwd ref | fwd+bwd fused | x | cpu x |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Steps} | {r.Neurons} | {Yes(r.Recurrent)} | {r.FwdRef.WallMs:F1} | {r.FwdFused.WallMs:F1} | " +
                $"{r.FwdRef.WallMs / r.FwdFused.WallMs:F1} | {r.FwdRef.CpuMs / r.FwdFused.CpuMs:F1} | {r.BothRef.WallMs:F1} | " +
                $"{r.BothFused.WallMs:F1} | {r.BothRef.WallMs / r.BothFused.WallMs:F1} | {r.BothRef.CpuMs / r.BothFused.CpuMs:F1} |");

        Console.WriteLine();
        Console.WriteLine("Memory (MB): peak growth during forward + backward, native / managed; graph = resident memory held " +
                          "between forward and backward; fused traces = what the fused LIF keeps for backward (membrane before " +
                          "reset and synaptic current before decay, 2 x 4·B·T·N bytes).");
        Console.WriteLine();
        Console.WriteLine("| T | N | rec | peak ref | peak fused | graph ref | graph fused | fused traces |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Steps} | {r.Neurons} | {Yes(r.Recurrent)} | {r.MemRef.NativeMb:F0} / {r.MemRef.ManagedMb:F1} | " +
                $"{r.MemFused.NativeMb:F0} / {r.MemFused.ManagedMb:F1} | {r.GraphRef:F0} | {r.GraphFused:F0} | {r.TracesMb:F0} |");

        Console.WriteLine();
        Console.WriteLine("Recurrent layers against the floor: the same matrix multiplies as the fused path, alone (ms).");
        Console.WriteLine();
        Console.WriteLine("| T | N | floor fwd | fused fwd | fused / floor | floor fwd+bwd | fused fwd+bwd | fused / floor |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows.Where(r => r.Floor is not null))
        {
            var (floorFwd, floorBoth) = r.Floor!.Value;
            Console.WriteLine($"| {r.Steps} | {r.Neurons} | {floorFwd:F1} | {r.FwdFused.WallMs:F1} | {r.FwdFused.WallMs / floorFwd:F2} | " +
                $"{floorBoth:F1} | {r.BothFused.WallMs:F1} | {r.BothFused.WallMs / floorBoth:F2} |");
        }
    }

    private static Row Measure(int batches, int steps, int neurons, bool recurrent)
    {
        using var net = new LifNetwork(batches, steps, neurons, recurrent);
        double budget = (double)steps * neurons > 200_000 ? 4000 : 1500;
        var fwdRef = Benchmarks.Measure.Time(net.With(LifKernel.Reference).Forward, budget);
        var fwdFused = Benchmarks.Measure.Time(net.With(LifKernel.Fused).Forward, budget);
        var bothRef = Benchmarks.Measure.Time(net.With(LifKernel.Reference).ForwardBackward, budget);
        var bothFused = Benchmarks.Measure.Time(net.With(LifKernel.Fused).ForwardBackward, budget);
        var floor = recurrent ? MatmulFloor.Measure(batches, steps, neurons) : ((double, double)?)null;
        var memRef = Benchmarks.Measure.PeakMemory(net.With(LifKernel.Reference).ForwardBackward);
        var memFused = Benchmarks.Measure.PeakMemory(net.With(LifKernel.Fused).ForwardBackward);
        double graphRef = Benchmarks.Measure.RetainedMb(net.With(LifKernel.Reference).ForwardWithGraph);
        double graphFused = Benchmarks.Measure.RetainedMb(net.With(LifKernel.Fused).ForwardWithGraph);
        return new Row(steps, neurons, recurrent, fwdRef, fwdFused, bothRef, bothFused, memRef, memFused,
            graphRef, graphFused, net.FusedTraceMb, floor);
    }

    private static string Yes(bool value) => value ? "yes" : "no";
}
