using static TorchSharp.torch;

namespace QatHost.Benchmarks;

/// <summary>The matrix multiplies the fused path of <see cref="LifNetwork"/> performs, alone, on tensors of the
/// same shapes: the floor for a recurrent layer. Forward: the Linear layer's <c>(B·T, 16) @ (16, N)</c> and one
/// <c>(B, N) @ (N, N)</c> per step. Backward adds one <c>(B, N) @ (N, N)ᵀ</c> per step, one
/// <c>(N, T-1) @ (T-1, N)</c> per batch element for <c>dw_rec</c> and the Linear weight gradient
/// <c>(16, B·T) @ (B·T, N)</c>.</summary>
public static class MatmulFloor
{
    public static (double ForwardMs, double ForwardBackwardMs) Measure(int batches, int steps, int neurons)
    {
        using var scope = NewDisposeScope();
        var x = (rand(batches * steps, 16) < 0.2).to_type(ScalarType.Float32);
        var linear = randn(16, neurons);
        var w = randn(neurons, neurons);
        var spikes = (rand(batches, steps, neurons) < 0.1).to_type(ScalarType.Float32);
        var gradients = randn(batches, steps, neurons);
        var buffer = zeros(batches, neurons);
        var dw = zeros(neurons, neurons);
        var wT = w.t();

        void Forward()
        {
            using var h = x.mm(linear);
            PerStep(spikes, w, buffer);
        }
        void Backward()
        {
            PerStep(gradients, wT, buffer);
            RecurrentWeightGradient(spikes, gradients, dw);
            using var flat = gradients.view(batches * steps, neurons);
            using var dLinear = x.t().mm(flat);
        }

        double forward = QatHost.Benchmarks.Measure.Milliseconds(Forward);
        double both = QatHost.Benchmarks.Measure.Milliseconds(() => { Forward(); Backward(); });
        return (forward, both);
    }

    /// <summary>One <c>(B, N) @ (N, N)</c> product per step of <paramref name="rows"/> <c>(B, T, N)</c>, into
    /// <paramref name="buffer"/>: the recurrent input forward (spikes by <c>w_rec</c>) or the spike gradient backward
    /// (gradients by <c>w_recᵀ</c>).</summary>
    public static void PerStep(Tensor rows, Tensor w, Tensor buffer)
    {
        for (long t = 0; t < rows.shape[1]; t++)
            using (var row = rows.select(1, t)) buffer.addmm_(row, w, 0, 1);
    }

    /// <summary><c>dw += s[b, :-1]ᵀ g[b, 1:]</c>, one <c>(N, T-1) @ (T-1, N)</c> product per batch element.</summary>
    public static void RecurrentWeightGradient(Tensor spikes, Tensor gradients, Tensor dw)
    {
        long steps = spikes.shape[1];
        for (long b = 0; b < spikes.shape[0]; b++)
        {
            using var s = spikes[b].narrow(0, 0, steps - 1).t();
            using var g = gradients[b].narrow(0, 1, steps - 1);
            dw.addmm_(s, g, 1, 1);
        }
    }
}
