using QatHost.Sdk.Engine;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Benchmarks;

/// <summary>The benchmark network <c>LinearTorch(16, N) → LIFTorch(N)</c> with a fixed random input (B, T, 16)
/// of sparse spikes and fixed loss weights, runnable forward-only or forward and backward with either kernel.</summary>
public sealed class LifNetwork : IDisposable
{
    private readonly Tensor input, weights;

    public LifNetwork(int batches, int steps, int neurons, bool recurrent, int seed = 1)
    {
        manual_seed(seed);
        Batches = batches; Steps = steps; Neurons = neurons; Recurrent = recurrent;
        Net = Sequential(LinearTorch(16, neurons), LIFTorch(neurons, hasRec: recurrent,
            wRec: recurrent ? (ParamInit?)(randn(neurons, neurons) * (0.5 / Math.Sqrt(neurons))) : null));
        input = (rand(batches, steps, 16) < 0.2).to_type(ScalarType.Float32) * 4;
        input.DetachFromDisposeScope();
        weights = randn(batches, steps, neurons);
        weights.DetachFromDisposeScope();
    }

    public Module Net { get; }
    public int Batches { get; }
    public int Steps { get; }
    public int Neurons { get; }
    public bool Recurrent { get; }

    public LifNetwork With(LifKernel kernel)
    {
        foreach (var lif in Net.AllModules().OfType<LIFTorch>()) lif.Kernel = kernel;
        return this;
    }

    /// <summary>Inference: no autograd graph.</summary>
    public void Forward()
    {
        using var noGrad = no_grad();
        Net.ResetState();
        Net.Evolve(input);
    }

    /// <summary>One training step's worth of work: forward with the graph, backward of a weighted sum.</summary>
    public void ForwardBackward()
    {
        using var graph = ForwardWithGraph();
        graph.Loss.backward();
    }

    /// <summary>Forward with the autograd graph; disposing the result releases the graph.</summary>
    public Graph ForwardWithGraph()
    {
        foreach (var p in Net.TrainableParameters()) p.grad = null;
        var scope = NewDisposeScope();
        Net.ResetState();
        var output = Net.Evolve(input).Output;
        return new Graph((output * weights).sum(), scope, Net);
    }

    /// <summary>A loss whose graph is alive until disposed.</summary>
    public sealed class Graph(Tensor loss, IDisposable scope, Module net) : IDisposable
    {
        public Tensor Loss { get; } = loss;

        public void Dispose()
        {
            scope.Dispose();
            foreach (var p in net.TrainableParameters()) p.grad = null;
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>Bytes the fused backward pass keeps for this layer: the membrane before reset (B, T, N) and, since
    /// tau_syn is trainable, the synaptic current before decay (B, T, N); the spike counts it also reads are the
    /// output itself.</summary>
    public double FusedTraceMb => 2.0 * 4 * Batches * Steps * Neurons / 1e6;

    public void Dispose()
    {
        Net.Dispose();
        input.Dispose();
        weights.Dispose();
    }
}
