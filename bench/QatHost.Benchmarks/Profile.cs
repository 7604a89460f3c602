using QatHost.Sdk.Engine;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Benchmarks;

/// <summary>Where the fused path's time goes, piece by piece, for one configuration (fastest run, ms).</summary>
public static class Profile
{
    public static void Print(int batches, int steps, int neurons, bool recurrent)
    {
        Console.WriteLine();
        Console.WriteLine($"Profile: B={batches} T={steps} N={neurons} rec={recurrent}, fused kernel; fastest run in ms.");
        manual_seed(1);
        using var linear = LinearTorch(16, neurons);
        using var lif = LIFTorch(neurons, hasRec: recurrent);
        var input = (rand(batches, steps, 16) < 0.2).to_type(ScalarType.Float32) * 4;
        var drive = linear.Evolve(input).Output.detach();
        var weights = randn(batches, steps, neurons);
        void Show(string what, Action action) => Console.WriteLine($"  {what,-44} {Measure.Milliseconds(action, 2000),9:F1}");

        Show("randn(B, T, N) (the noise Rockpool always draws)", () => randn(batches, steps, neurons));
        Show("isnan(spikes).any() (the NaN check)", () => isnan(weights).any().item<bool>());
        Show("Linear forward, no graph", () => { using var g = no_grad(); linear.Evolve(input); });
        Show("LIF forward, no graph", () => { using var g = no_grad(); lif.ResetState(); lif.Evolve(drive); });
        Show("LIF forward with graph", () => { lif.ResetState(); lif.Evolve(drive.requires_grad_(true)); });
        Show("LIF forward + backward", () =>
        {
            lif.ResetState();
            var x = drive.detach().requires_grad_(true);
            (lif.Evolve(x).Output * weights).sum().backward();
        });
    }
}
