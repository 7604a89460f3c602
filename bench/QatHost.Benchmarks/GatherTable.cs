using QatHost.Sdk.Engine;
using static TorchSharp.torch;
namespace QatHost.Benchmarks;
/// <summary>Sparse gather (SpikeProducts) against the dense BLAS product for one recurrent step (μs).</summary>
public static class GatherTable
{
    public static void Print()
    {
        Console.WriteLine("| B | N | density | addmm (μs) | gather (μs) | addmm / gather |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (b, n) in new[] { (64, 128), (32, 256), (32, 1024) })
            foreach (double d in new[] { 0.05, 0.15, 0.3, 0.5, 1.0 })
            {
                manual_seed(1);
                var s = (rand(b, n) < d).to_type(ScalarType.Float32);
                var w = randn(n, n);
                var o = zeros(b, n);
                int reps = 200;
                double dense = Measure.Milliseconds(() => { for (int k = 0; k < reps; k++) o.addmm_(s, w, 0, 1); }, 500) * 1000 / reps;
                float[] sp = s.data<float>().ToArray(), wp = w.data<float>().ToArray(), op = new float[b * n];
                double gather = Measure.Milliseconds(() =>
                {
                    for (int k = 0; k < reps; k++)
                        for (int r = 0; r < b; r++) SpikeProducts.Multiply(sp.AsSpan(r * n, n), wp, op.AsSpan(r * n, n));
                }, 500) * 1000 / reps;
                Console.WriteLine($"| {b} | {n} | {d} | {dense:F1} | {gather:F1} | {dense / gather:F2} |");
            }
    }
}
