using System.Diagnostics;
using QatHost.Sdk.Data;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Training;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Benchmarks;

/// <summary>Training throughput on the shapes users train: one epoch through <c>Train</c>
/// (<c>Linear(in, N) → LIF(N) → Linear(N, 10)</c>, Adam, <c>Loss.MaxOverTime</c>, random data of the shape),
/// a per-batch breakdown of the same steps timed piece by piece, the matrix-multiply floor of the shape, and,
/// when Debian's python3-torch is installed, the op-by-op Rockpool proxy (<c>bench/rockpool_proxy.py</c>)
/// timed in the same run.</summary>
public static class TrainingTable
{
    /// <summary>One training shape. <paramref name="Samples"/> is the epoch's size.</summary>
    public sealed record Shape(string Name, int Steps, int Inputs, int Neurons, int Batch, int Samples, bool Recurrent);

    /// <summary>As in the issue: Adam on the weights (the Linear weights and w_rec) only.</summary>
    private static readonly string[] Weights = ["weights"];

    public static readonly Shape[] Shapes =
    [
        new("MNIST rows", 28, 14, 128, 64, 8000, true),
        new("MNIST rows", 28, 14, 128, 64, 8000, false),
        new("keyword spotting", 100, 16, 256, 32, 32 * 20, true),
        new("keyword spotting", 100, 16, 256, 32, 32 * 20, false),
        new("long", 1000, 16, 256, 32, 32 * 4, true),
        new("long", 1000, 16, 256, 32, 32 * 4, false),
    ];

    private sealed record Row(Shape Shape, (double Wall, double Cpu) EpochFused, (double Wall, double Cpu) EpochReference, Breakdown Fused,
        Breakdown WithoutLif, double FloorMs, ProxyResult? Proxy);

    /// <summary>Median milliseconds per batch of each part of a training step.</summary>
    public sealed record Breakdown(double Forward, double Backward, double Step)
    {
        public double Total => Forward + Backward + Step;
    }

    /// <param name="reference">Also time an epoch with the reference kernel.</param>
    /// <param name="proxy">Also run the Rockpool proxy.</param>
    /// <param name="only">One shape name (e.g. <c>mnist-rows</c>), or null for all.</param>
    /// <param name="samples">Samples per epoch instead of each shape's own (a shorter run on a loaded machine).</param>
    /// <param name="runs">Timed epochs per kernel (the fastest counts).</param>
    public static void Print(bool reference, bool proxy, string? only, int? samples, int runs)
    {
        var rows = new List<Row>();
        foreach (var full in Shapes.Where(s => only is null || s.Name.Replace(" ", "-").Equals(only, StringComparison.OrdinalIgnoreCase)))
        {
            var shape = samples is { } count ? full with { Samples = count } : full;
            rows.Add(Measure(shape, reference, proxy, runs));
            Console.Error.WriteLine($"  measured {shape.Name} T={shape.Steps} rec={shape.Recurrent}; load {Machine.Load()}");
        }

        Console.WriteLine();
        Console.WriteLine("Training: Linear(in, N) -> LIF(N) -> Linear(N, 10), Adam(lr: 1e-3) on the weights, Loss.MaxOverTime, one epoch through Train " +
                          "(fastest of the runs); per batch: median of the pieces timed separately, 'other' = Train's batch time minus them; " +
                          "floor = the same shapes' matrix multiplies alone (fwd + bwd); no LIF = the same batch (fwd + bwd + step, median) " +
                          "with the LIF layer left out, what LibTorch's Linear layers, loss and Adam cost; proxy = bench/rockpool_proxy.py (op-by-op, torch 1.13).");
        Console.WriteLine();
        Console.WriteLine("| shape | T | in | N | B | rec | batches | epoch fused (s) | epoch ref (s) | epoch proxy (s) | proxy / fused | " +
                          "proxy / fused, cpu | per batch (ms) | fwd | bwd | step | other | no LIF | floor | batch / floor |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var s = r.Shape;
            int batches = (s.Samples + s.Batch - 1) / s.Batch;
            double perBatch = r.EpochFused.Wall * 1000 / batches;
            double other = Math.Max(0, perBatch - r.Fused.Forward - r.Fused.Backward - r.Fused.Step);
            string refCell = double.IsNaN(r.EpochReference.Wall) ? "-" : $"{r.EpochReference.Wall:F2}";
            string proxyCell = r.Proxy is { } p ? $"{p.EpochSeconds:F2}" : "-";
            string ratio = r.Proxy is { } q ? $"**{q.EpochSeconds / r.EpochFused.Wall:F1}**" : "-";
            string cpuRatio = r.Proxy is { } c ? $"{c.CpuSeconds / r.EpochFused.Cpu:F1}" : "-";
            Console.WriteLine($"| {s.Name} | {s.Steps} | {s.Inputs} | {s.Neurons} | {s.Batch} | {(s.Recurrent ? "yes" : "no")} | {batches} | " +
                $"{r.EpochFused.Wall:F3} | {refCell} | {proxyCell} | {ratio} | {cpuRatio} | {perBatch:F2} | {r.Fused.Forward:F2} | {r.Fused.Backward:F2} | " +
                $"{r.Fused.Step:F2} | {other:F2} | {r.WithoutLif.Total:F2} | {r.FloorMs:F2} | {perBatch / r.FloorMs:F1} |");
        }
    }

    private static Row Measure(Shape shape, bool reference, bool withProxy, int runs)
    {
        using var data = Data(shape);
        var epochFused = Epoch(shape, data, LifKernel.Auto, runs);
        var epochReference = reference ? Epoch(shape, data, LifKernel.Reference, runs: 1) : (double.NaN, double.NaN);
        var breakdown = Pieces(shape, data, Network(shape, LifKernel.Auto));
        var withoutLif = Pieces(shape, data, Sequential(LinearTorch(shape.Inputs, shape.Neurons), LinearTorch(shape.Neurons, 10)));
        double floor = Floor(shape);
        var proxy = withProxy ? RockpoolProxy.Train(shape, runs) : null;
        return new Row(shape, epochFused, epochReference, breakdown, withoutLif, floor, proxy);
    }

    public static Dataset Data(Shape shape)
    {
        if (shape.Name == "MNIST rows")
        {
            // The real digits (data/mnist), rows as time, columns pooled to the shape's inputs.
            var (train, test) = Datasets.Mnist(Encoders.RowsAsTime(channels: shape.Inputs));
            test.Dispose();
            if (shape.Samples >= train.Count) return train;
            using (train) return train.Take(shape.Samples);
        }
        manual_seed(7);
        using var scope = NewDisposeScope();
        // Input events, as from an audio front end: each channel fires on 5 % of the steps. (Grey levels on a quarter of the
        // inputs at every step, as once used here, drove the T=1000 layers to ~1e5 spikes per step and a NaN first step.)
        var inputs = (rand(shape.Samples, shape.Steps, shape.Inputs) < 0.05).to_type(ScalarType.Float32);
        var labels = randint(10, shape.Samples);
        var data = Dataset.FromTensors(inputs, labels, 10, $"random {shape.Name}");
        return data;
    }

    public static Module Network(Shape shape, LifKernel kernel)
    {
        manual_seed(1);
        var lif = LIFTorch(shape.Neurons, hasRec: shape.Recurrent);
        lif.Kernel = kernel;

        var net = Sequential(LinearTorch(shape.Inputs, shape.Neurons), lif, LinearTorch(shape.Neurons, 10));
        if (shape.Steps >= 1000)
            // With the default (Kaiming) weights a 1000-step layer fires tens of spikes per step and the gradient
            // back-propagated through it overflows float32 in the first batches (Train stops on it; Rockpool would
            // train on NaN). A tenth of each weight keeps the activity and the gradient finite.
            using (no_grad())
                foreach (var weight in net.Parameters("weights").Leaves()) weight.Leaf.mul_(0.1);
        return net;
    }

    /// <summary>Seconds (wall clock, process CPU) of the fastest of <paramref name="runs"/> one-epoch <c>Train</c> calls,
    /// after a warm-up of two batches.</summary>
    private static (double Wall, double Cpu) Epoch(Shape shape, Dataset data, LifKernel kernel, int runs)
    {
        double best = double.MaxValue, bestCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        using (var warm = Network(shape, kernel))
        using (var few = data.Take(shape.Batch * 2))
            Trainer.Train(warm, few, epochs: 1, optimizer: Trainer.Adam(1e-3), loss: Loss.MaxOverTime, batchSize: shape.Batch, families: Weights);
        for (int run = 0; run < runs; run++)
        {
            using var net = Network(shape, kernel);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            Trainer.Train(net, data, epochs: 1, optimizer: Trainer.Adam(1e-3), loss: Loss.MaxOverTime, batchSize: shape.Batch, families: Weights);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
        }
        return (best, bestCpu);
    }

    /// <summary>The steps of Train's batch, timed one by one: forward (reset, evolve, loss), backward, optimizer step.</summary>
    private static Breakdown Pieces(Shape shape, Dataset data, Module network)
    {
        using var net = network;
        using var optimizer = Trainer.Adam(1e-3).Create(net.Parameters(Weights).Leaves().Select(l => (TorchSharp.Modules.Parameter)l.Item2));
        var forward = new List<double>();
        var backward = new List<double>();
        var step = new List<double>();
        var watch = new Stopwatch();
        int limit = Math.Min(data.BatchCount(shape.Batch), 60);
        foreach (var batch in data.Batches(shape.Batch, shuffleSeed: 1).Take(limit))
        {
            using var scope = NewDisposeScope();
            watch.Restart();
            net.ResetState();
            var output = net.Evolve(batch.Inputs).Output;
            var loss = Loss.MaxOverTime.Compute(output, batch.Targets);
            forward.Add(watch.Elapsed.TotalMilliseconds);
            optimizer.zero_grad();
            watch.Restart();
            loss.backward();
            backward.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            optimizer.step();
            step.Add(watch.Elapsed.TotalMilliseconds);
        }
        return new Breakdown(Median(forward), Median(backward), Median(step));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Skip(Math.Min(3, values.Count - 1)).Order().ToList();   // the first batches warm up
        return sorted[sorted.Count / 2];
    }

    /// <summary>Milliseconds of the matrix multiplies one training batch of this shape needs, alone: forward
    /// <c>x W1</c>, one <c>(B, N) @ (N, N)</c> per step with recurrence, <c>h W2</c>; backward <c>g W2ᵀ</c>,
    /// <c>hᵀ g</c>, <c>xᵀ g</c>, with recurrence one <c>(B, N) @ (N, N)ᵀ</c> per step and one
    /// <c>(N, T-1) @ (T-1, N)</c> per batch element.</summary>
    public static double Floor(Shape shape)
    {
        using var scope = NewDisposeScope();
        int b = shape.Batch, t = shape.Steps, n = shape.Neurons, rows = b * t;
        var x = rand(rows, shape.Inputs);
        var w1 = randn(shape.Inputs, n);
        var w2 = randn(n, 10);
        var wRec = randn(n, n);
        var wRecT = wRec.t();
        var spikes = (rand(b, t, n) < 0.1).to_type(ScalarType.Float32);
        var h = spikes.view(rows, n);
        var g = randn(rows, 10);
        var gh = randn(b, t, n);
        var buffer = zeros(b, n);
        var dw = zeros(n, n);
        void Run()
        {
            using var a = x.mm(w1);
            if (shape.Recurrent) MatmulFloor.PerStep(spikes, wRec, buffer);
            using var o = h.mm(w2);
            using var dh = g.mm(w2.t());
            using var dw2 = h.t().mm(g);
            if (shape.Recurrent)
            {
                MatmulFloor.PerStep(gh, wRecT, buffer);
                MatmulFloor.RecurrentWeightGradient(spikes, gh, dw);
            }
            using var dw1 = x.t().mm(gh.view(rows, n));
        }
        return Benchmarks.Measure.Milliseconds(Run, 1000);
    }
}
