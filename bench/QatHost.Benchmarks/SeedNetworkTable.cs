using QatHost.Sdk.Engine;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Benchmarks;

/// <summary>The seed notebook's network, <c>Sequential(LinearTorch(3, 5), LIFTorch(5), Residual(LinearTorch(5, 5),
/// LIFTorch(5, hasRec: true)), LinearTorch(5, 3), LIFTorch(3))</c>, forward only, on the notebook's input
/// <c>ones(1, 10, 3)</c> and on a longer random batch.</summary>
public static class SeedNetworkTable
{
    public static void Print()
    {
        Console.WriteLine();
        Console.WriteLine("Seed notebook network, forward (no graph). Fastest run in ms.");
        Console.WriteLine();
        Console.WriteLine("| input | reference | fused | x |");
        Console.WriteLine("|---|---|---|---|");
        manual_seed(3);
        using var net = Sequential(LinearTorch(3, 5), LIFTorch(5), Residual(LinearTorch(5, 5), LIFTorch(5, hasRec: true)),
            LinearTorch(5, 3), LIFTorch(3));
        foreach (var (name, input) in new[] { ("ones(1, 10, 3)", ones(1, 10, 3)), ("rand(32, 1000, 3)", rand(32, 1000, 3) * 2) })
        {
            double Run(LifKernel kernel)
            {
                foreach (var lif in net.AllModules().OfType<LIFTorch>()) lif.Kernel = kernel;
                return Measure.Milliseconds(() =>
                {
                    using var noGrad = no_grad();
                    net.ResetState();
                    net.Evolve(input);
                });
            }
            double reference = Run(LifKernel.Reference), fused = Run(LifKernel.Fused);
            Console.WriteLine($"| {name} | {reference:F3} | {fused:F3} | {reference / fused:F1} |");
        }
    }
}
