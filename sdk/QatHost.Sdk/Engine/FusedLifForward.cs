using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>The fused LIF forward pass over a whole evolution: batch elements run in parallel when the layer
/// is not recurrent (they are independent); with recurrence, time is the outer loop and each step's recurrent
/// input is one matrix multiply over the batch.</summary>
internal static class FusedLifForward
{
    /// <summary>Contiguous float32 CPU tensors the pass reads and writes. Optional ones are null.</summary>
    public sealed class Tensors
    {
        public required Tensor Input, Alpha, Beta, Bias, Threshold, V0, I0, S0, Spikes;
        public Tensor? Noise, WRec, U, Ip, RecV, RecI, RecIrec;
    }

    /// <summary>Runs the loop; returns the final membrane and synaptic state of every batch element,
    /// <c>(B·N)</c> and <c>(B·N·S)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (float[] V, float[] I) Run(FusedLifSpec spec, Tensors t)
    {
        int n = spec.Neurons, c = spec.Channels;
        var v = new float[spec.Batches * n];
        var i = new float[spec.Batches * c];
        for (int b = 0; b < spec.Batches; b++)
        {
            Span(t.V0).CopyTo(v.AsSpan(b * n, n));
            Span(t.I0).CopyTo(i.AsSpan(b * c, c));
        }
        if (spec.Recurrent) RunRecurrent(spec, t, v, i);
        else
        {
            int workers = spec.Workers((long)spec.Steps * c);
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (w) =>
            {
                var sum = new float[n];
                var views = new Views(t);
                for (int b = w; b < spec.Batches; b += workers)
                    for (int step = 0; step < spec.Steps; step++)
                        Step(spec, views, b, step, v, i, sum, ReadOnlySpan<float>.Empty);
            });
        }
        return (v, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunRecurrent(FusedLifSpec spec, Tensors t, float[] v, float[] i)
    {
        int n = spec.Neurons, c = spec.Channels;
        var sum = new float[n];
        using var irec = zeros(spec.Batches, c);
        // Spans taken once: the tensors' memory does not move during the loop.
        var rows = Span(irec);
        var recorded = t.RecIrec is null ? default : Span(t.RecIrec);
        var views = new Views(t);
        ReadOnlySpan<float> weights = Span(t.WRec!), initial = Span(t.S0);
        for (int step = 0; step < spec.Steps; step++)
        {
            // irec = s[t-1] @ w_rec for the whole batch, s[-1] being the initial state.
            int active = 0;
            for (int b = 0; b < spec.Batches; b++) active += SpikeProducts.CountNonZero(Previous(spec, views.Spikes, initial, b, step));
            if (active <= SpikeProducts.MaxDensity * spec.Batches * n)
                for (int b = 0; b < spec.Batches; b++)   // few neurons fired: gather their rows of w_rec
                    SpikeProducts.Multiply(Previous(spec, views.Spikes, initial, b, step), weights, rows.Slice(b * c, c));
            else
                using (var previous = step == 0 ? ones(spec.Batches, 1) * t.S0 : t.Spikes.select(1, step - 1))
                    irec.addmm_(previous, t.WRec!, 0, 1);   // Rockpool's dense product
            for (int b = 0; b < spec.Batches; b++)
            {
                var row = rows.Slice(b * c, c);
                if (!recorded.IsEmpty) row.CopyTo(recorded.Slice((b * spec.Steps + step) * c, c));
                Step(spec, views, b, step, v, i, sum, row);
            }
        }
    }

    /// <summary>Batch element <paramref name="b"/>'s spike counts of the step before <paramref name="step"/>
    /// <c>(N)</c>: the initial state for step 0.</summary>
    internal static ReadOnlySpan<float> Previous(FusedLifSpec spec, ReadOnlySpan<float> spikes, ReadOnlySpan<float> initial, int b, int step) =>
        step == 0 ? initial : spikes.Slice((b * spec.Steps + step - 1) * spec.Neurons, spec.Neurons);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step(FusedLifSpec spec, scoped in Views t, int b, int step, float[] v, float[] i, float[] sum,
        ReadOnlySpan<float> irec)
    {
        int n = spec.Neurons, c = spec.Channels;
        int neuronRow = (b * spec.Steps + step) * n, channelRow = (b * spec.Steps + step) * c;
        var row = new FusedLifForwardStep.Row
        {
            V = v.AsSpan(b * n, n),
            I = i.AsSpan(b * c, c),
            Sum = sum,
            X = t.Input.Slice(channelRow, c),
            Irec = irec,
            Noise = t.Noise.IsEmpty ? default : t.Noise.Slice(neuronRow, n),
            U = t.U.IsEmpty ? default : t.U.Slice(neuronRow, n),
            S = t.Spikes.Slice(neuronRow, n),
            Ip = t.Ip.IsEmpty ? default : t.Ip.Slice(channelRow, c),
            RecV = t.RecV.IsEmpty ? default : t.RecV.Slice(neuronRow, n),
            RecI = t.RecI.IsEmpty ? default : t.RecI.Slice(channelRow, c),
        };
        FusedLifForwardStep.Run(row, new FusedLifForwardStep.Parameters(t.Alpha, t.Beta, t.Bias, t.Threshold, spec.MaxSpikes),
            spec.Synapses);
    }

    /// <summary>Spans over the tensors, taken once per loop: asking a tensor for its data costs a native call.</summary>
    private readonly ref struct Views(Tensors t)
    {
        public readonly ReadOnlySpan<float> Input = Span(t.Input), Noise = Optional(t.Noise);
        public readonly ReadOnlySpan<float> Alpha = Span(t.Alpha), Beta = Span(t.Beta), Bias = Span(t.Bias), Threshold = Span(t.Threshold);
        public readonly Span<float> Spikes = Span(t.Spikes), U = Optional(t.U), Ip = Optional(t.Ip), RecV = Optional(t.RecV), RecI = Optional(t.RecI);
    }

    /// <summary>Whether <paramref name="values"/> holds a NaN: one pass in C#, instead of a Torch reduction and a
    /// read-back per call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool HasNaN(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(values);
        foreach (var v in vectors)
            if (!System.Numerics.Vector.EqualsAll(v, v)) return true;
        for (int k = vectors.Length * System.Numerics.Vector<float>.Count; k < values.Length; k++)
            if (float.IsNaN(values[k])) return true;
        return false;
    }

    /// <summary>The data of an optional tensor; empty when it is null.</summary>
    public static Span<float> Optional(Tensor? tensor) => tensor is null ? default : Span(tensor);

    /// <summary>The float data of a contiguous CPU tensor, without copying.</summary>
    public static Span<float> Span(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);
}
