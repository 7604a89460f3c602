using System.Diagnostics;
using QatHost.Sdk.Engine;
using static TorchSharp.torch;
namespace QatHost.Benchmarks;
public static class Profile
{
    public static void Print(int b, int t, int n, bool rec)
    {
        using var net = new LifNetwork(b, t, n, rec).With(LifKernel.Fused);
        for (int k = 0; k < 3; k++)
        {
            var sw = Stopwatch.StartNew();
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            using (var g = net.ForwardWithGraph())
            {
                double f = sw.Elapsed.TotalMilliseconds;
                g.Loss.backward();
                double all = sw.Elapsed.TotalMilliseconds;
                process.Refresh();
                Console.WriteLine($"fwd {f:F1} bwd {all - f:F1} cpu {(process.TotalProcessorTime - cpu0).TotalMilliseconds:F0}");
            }
        }
        var (ff, fb) = MatmulFloor.Measure(b, t, n);
        Console.WriteLine($"floor fwd {ff:F1} both {fb:F1}");
    }
}
