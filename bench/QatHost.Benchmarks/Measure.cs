using System.Diagnostics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace QatHost.Benchmarks;

/// <summary>Timing and memory measurement: the median of repeated runs after a warm-up, and the peak growth
/// of the process's resident memory (native, read from the kernel's high-water mark) and of the managed heap.</summary>
public static class Measure
{
    /// <summary>Milliseconds of the fastest run of <paramref name="action"/>: one warm-up, then repeats until about
    /// <paramref name="budgetMs"/> have passed (at least 3 runs, or 2 when the warm-up alone exceeded the budget; at most 15). Each run gets its own dispose scope.</summary>
    public static double Milliseconds(Action action, double budgetMs = 1500) => Time(action, budgetMs).WallMs;

    /// <summary>Fastest wall-clock and CPU milliseconds (all threads of the process) of <paramref name="action"/>,
    /// measured as in <see cref="Milliseconds"/>. CPU time is the steadier of the two on a loaded machine.</summary>
    public static (double WallMs, double CpuMs) Time(Action action, double budgetMs = 1500)
    {
        var warmUp = Stopwatch.StartNew();
        Run(action);
        // Runs longer than the budget are timed twice after the warm-up; the others at least three times.
        int minimum = warmUp.Elapsed.TotalMilliseconds > budgetMs ? 2 : 3;
        var walls = new List<double>();
        var cpus = new List<double>();
        var total = Stopwatch.StartNew();
        using var process = Process.GetCurrentProcess();
        while (walls.Count < minimum || (walls.Count < 15 && total.Elapsed.TotalMilliseconds < budgetMs))
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            Run(action);
            walls.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpus.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
        }
        // The fastest run: other work on a shared machine only ever adds time.
        return (walls.Min(), cpus.Min());
    }

    /// <summary>Peak growth, in MB, of native memory (resident set above the level before the run, minus the managed
    /// heap's share) and of the managed heap, during one run of <paramref name="action"/>.</summary>
    public static (double NativeMb, double ManagedMb) PeakMemory(Action action)
    {
        Settle();
        long managedBefore = GC.GetTotalMemory(false);
        long residentBefore = Resident();
        ResetHighWaterMark();
        long managedPeak = managedBefore;
        bool running = true;
        var sampler = new Thread(() =>
        {
            while (Volatile.Read(ref running))
            {
                managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        sampler.Start();
        Run(action);
        Volatile.Write(ref running, false);
        sampler.Join();
        long residentPeak = HighWaterMark();
        double managed = (managedPeak - managedBefore) / 1e6;
        return (Math.Max(0, (residentPeak - residentBefore) / 1e6 - managed), managed);
    }

    /// <summary>Resident memory growth, in MB, that <paramref name="keep"/> leaves allocated until it is disposed:
    /// what the autograd graph holds between the forward and the backward pass.</summary>
    public static double RetainedMb(Func<IDisposable> keep)
    {
        Settle();
        long before = Resident();
        using var held = keep();
        return (Resident() - before) / 1e6;
    }

    /// <summary>Pins glibc's mmap threshold so that large tensor buffers are returned to the system when freed,
    /// which makes resident-memory measurements repeatable.</summary>
    public static void StabiliseAllocator()
    {
        if (OperatingSystem.IsLinux() && MallOpt(-3 /* M_MMAP_THRESHOLD */, 128 * 1024) != 1)
            Console.WriteLine("note: mallopt failed; resident-memory figures may include reused heap.");
    }

    /// <summary>Frees what earlier runs left: finalises dropped tensors, then returns free heap pages to the system
    /// (otherwise a later run reuses pages an earlier one made resident, and shows no growth).</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (OperatingSystem.IsLinux()) MallocTrim(0);
    }

    private static void Run(Action action)
    {
        using var scope = NewDisposeScope();
        action();
    }

    private static long Resident() =>
        long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1]) * Environment.SystemPageSize;

    private static void ResetHighWaterMark() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static long HighWaterMark() =>
        long.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);
}
