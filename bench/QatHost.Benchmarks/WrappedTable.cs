using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Benchmarks;

/// <summary>Parameter transforms cost once per evolution, not per step: the benchmark network with and without
/// straight-through rounding on its weights, thresholds and time constants.</summary>
public static class WrappedTable
{
    public static void Print(int batches, int steps, int neurons)
    {
        Console.WriteLine();
        Console.WriteLine($"Wrapped vs unwrapped: LinearTorch(16, {neurons}) -> LIFTorch({neurons}), batch {batches}, T = {steps}; " +
                          "transforms on \"weights\", \"thresholds\", \"taus\". Fastest run in ms.");
        Console.WriteLine();
        Console.WriteLine("| kernel | rec | fwd plain | fwd wrapped | wrapped / plain (cpu) | fwd+bwd plain | fwd+bwd wrapped | wrapped / plain (cpu) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var kernel in new[] { LifKernel.Fused, LifKernel.Reference })
            foreach (bool rec in new[] { false, true })
            {
                using var plain = new LifNetwork(batches, steps, neurons, rec);
                using var wrapped = new LifNetwork(batches, steps, neurons, rec);
                wrapped.Net.Param("weights", "thresholds", "taus").Apply(new Quantise(64));
                plain.With(kernel);
                wrapped.With(kernel);
                // Alternate plain and wrapped so that a change of machine load hits both alike.
                var fPlain = Measure.Time(plain.Forward, 3000);
                var fWrapped = Measure.Time(wrapped.Forward, 3000);
                var bPlain = Measure.Time(plain.ForwardBackward, 3000);
                var bWrapped = Measure.Time(wrapped.ForwardBackward, 3000);
                Console.WriteLine($"| {kernel} | {(rec ? "yes" : "no")} | {fPlain.WallMs:F1} | {fWrapped.WallMs:F1} | " +
                                  $"{fWrapped.WallMs / fPlain.WallMs:F3} ({fWrapped.CpuMs / fPlain.CpuMs:F3}) | {bPlain.WallMs:F1} | " +
                                  $"{bWrapped.WallMs:F1} | {bWrapped.WallMs / bPlain.WallMs:F3} ({bWrapped.CpuMs / bPlain.CpuMs:F3}) |");
            }
    }

    /// <summary>Rounds to multiples of 1/levels with a straight-through gradient.</summary>
    private sealed class Quantise(int levels) : Transform($"Quantise({levels})")
    {
        public override Tensor Forward(Tensor value, TransformContext context) =>
            StraightThrough.Apply(value, v => (v * levels).round() / levels);
    }
}
