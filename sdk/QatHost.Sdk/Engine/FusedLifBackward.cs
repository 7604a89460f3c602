using System.Runtime.CompilerServices;
using static QatHost.Sdk.Engine.FusedLifForward;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>The fused LIF backward pass over a whole evolution (see <see cref="FusedLifBackwardStep"/> for the
/// equations): batch elements in parallel without recurrence; with recurrence, one matrix multiply per step
/// carries the spike gradient back through <c>w_rec</c>, and <c>dw_rec</c> is one product per batch element
/// over all steps at the end.</summary>
internal static class FusedLifBackward
{
    /// <summary>Contiguous float32 CPU tensors the pass reads. Optional ones are null.</summary>
    public sealed class Tensors
    {
        public required Tensor U, Spikes, Alpha, Beta, Threshold, V0, S0;
        public Tensor? Ip, WRec, GS, GV, GI, GR;
    }

    /// <summary>The gradients with respect to the input and the broadcast parameters.</summary>
    public sealed record Gradients(Tensor Input, Tensor Alpha, Tensor Beta, Tensor Bias, Tensor Threshold, Tensor? WRec);

    public static Gradients Run(FusedLifSpec spec, Tensors t)
    {
        int n = spec.Neurons, c = spec.Channels, batches = spec.Batches;
        // Every element of dx (and of direc) is written by the sweep, so neither needs zeroing.
        var dx = empty(batches, spec.Steps, spec.Neurons, spec.Synapses);
        // dIrec[t] equals dx[t] unless the recorded irec itself receives a gradient.
        var direc = spec.Recurrent && t.GR is not null ? empty(batches, spec.Steps, c) : null;
        var accumulators = new List<Accumulators>();
        if (spec.Recurrent)
        {
            var acc = new Accumulators(n, c);
            accumulators.Add(acc);
            RunRecurrent(spec, t, dx, direc, acc);
        }
        else
        {
            int workers = spec.Workers((long)spec.Steps * c);
            for (int w = 0; w < workers; w++) accumulators.Add(new Accumulators(n, c));
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (w) =>
            {
                var acc = accumulators[w];
                var carry = new Carry(1, n, spec.Synapses);
                var views = new Views(t, dx, null);
                for (int b = w; b < batches; b += workers)
                {
                    carry.Clear();
                    for (int step = spec.Steps - 1; step >= 0; step--)
                        Step(spec, views, b, step, carry, 0, acc, ReadOnlySpan<float>.Empty);
                }
            });
        }
        var total = Accumulators.Sum(accumulators, n, c);
        Tensor? dw = null;
        if (spec.Recurrent && spec.NeedsGrad[5]) dw = RecurrentWeightGradient(spec, t, direc ?? dx.view(batches, spec.Steps, c));
        direc?.Dispose();
        return new Gradients(dx, tensor(total.Alpha), tensor(total.Beta).view(n, spec.Synapses), tensor(total.Bias),
            tensor(total.Threshold), dw);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunRecurrent(FusedLifSpec spec, Tensors t, Tensor dx, Tensor? direc, Accumulators acc)
    {
        int n = spec.Neurons, c = spec.Channels, batches = spec.Batches;
        var carry = new Carry(batches, n, spec.Synapses);
        using var gsRec = zeros(batches, n);
        using var wT = t.WRec!.t();
        using var direcTrace = (direc ?? dx).view(batches, spec.Steps, c);
        var views = new Views(t, dx, direc);
        var rows = FusedLifForward.Span(gsRec);
        for (int step = spec.Steps - 1; step >= 0; step--)
        {
            for (int b = 0; b < batches; b++)
                Step(spec, views, b, step, carry, b, acc, step == spec.Steps - 1 ? default : rows.Slice(b * n, n));
            // ds[t-1] += dIrec[t] @ w_recᵀ, for the step before.
            if (step > 0)
                using (var rowsAtStep = direcTrace.select(1, step))
                    gsRec.addmm_(rowsAtStep, wT, 0, 1);
        }
    }

    /// <summary><c>dw_rec = Σ_t s[t-1]ᵀ dIrec[t]</c>: per batch element, one product over all steps.</summary>
    private static Tensor RecurrentWeightGradient(FusedLifSpec spec, Tensors t, Tensor direc)
    {
        int steps = spec.Steps;
        if (SparseRecurrentWeightGradient(spec, t, direc) is { } sparse) return sparse;
        if (spec.TraceLength <= SingleProductLimit)
        {
            // Small traces (short sequences, many batch elements): one product over every (b, t) with the spikes
            // shifted by one step, s[-1] being the initial state, rather than one call per batch element.
            using var initial = t.S0.view(1, 1, spec.Neurons).expand(spec.Batches, 1, spec.Neurons);
            using var earlier = t.Spikes.narrow(1, 0, steps - 1);
            using var previous = cat([initial, earlier], 1);
            long samples = (long)spec.Batches * steps;
            using var rows = previous.view(samples, spec.Neurons);
            using var columns = rows.t();
            using var gradients = direc.reshape(samples, spec.Channels);
            return columns.mm(gradients);
        }
        var dw = zeros(spec.Neurons, spec.Channels);
        for (int b = 0; b < spec.Batches; b++)
        {
            using var spikes = t.Spikes[b].narrow(0, 0, steps - 1).t();
            using var later = direc[b].narrow(0, 1, steps - 1);
            dw.addmm_(spikes, later, 1, 1);
        }
        // Step 0's recurrent input came from the initial state, the same for every batch element.
        using var first = direc.select(1, 0).sum(0, keepdim: true);
        dw.addmm_(t.S0.unsqueeze(1), first, 1, 1);
        return dw;
    }

    /// <summary><c>dw_rec[i] = Σ_(b,t) s[b,t-1,i] · dIrec[b,t]</c> over the non-zero spike counts only, when at most
    /// <see cref="SpikeProducts.MaxDensity"/> of them are non-zero (else null). The non-zero counts are listed per
    /// neuron <c>i</c> (sample <c>b·T + t</c> and count), then each row of <c>dw_rec</c> is one
    /// <see cref="SpikeProducts.SumOfScaledRows"/> over its list; workers take disjoint ranges of rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Tensor? SparseRecurrentWeightGradient(FusedLifSpec spec, Tensors t, Tensor direc)
    {
        int n = spec.Neurons, c = spec.Channels;
        ReadOnlySpan<float> spikes = Span(t.Spikes), initial = Span(t.S0);
        var starts = new int[n + 1];
        for (int b = 0; b < spec.Batches; b++)
            for (int step = 0; step < spec.Steps; step++)
            {
                var previous = FusedLifForward.Previous(spec, spikes, initial, b, step);
                for (int i = 0; i < n; i++)
                    if (previous[i] != 0) starts[i + 1]++;
            }
        for (int i = 0; i < n; i++) starts[i + 1] += starts[i];
        if (starts[n] > SpikeProducts.MaxDensity * spec.TraceLength) return null;
        var samples = new int[starts[n]];
        var counts = new float[starts[n]];
        var next = starts[..n];
        for (int b = 0; b < spec.Batches; b++)
            for (int step = 0; step < spec.Steps; step++)
            {
                var previous = FusedLifForward.Previous(spec, spikes, initial, b, step);
                for (int i = 0; i < n; i++)
                    if (previous[i] != 0) (samples[next[i]], counts[next[i]++]) = (b * spec.Steps + step, previous[i]);
            }
        var dw = zeros(n, c);
        int workers = spec.Workers((long)spec.Steps * c);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (w) =>
        {
            Span<float> rows = Span(dw);
            ReadOnlySpan<float> gradients = Span(direc);
            for (int i = n * w / workers; i < n * (w + 1) / workers; i++)
            {
                var range = new Range(starts[i], starts[i + 1]);
                SpikeProducts.SumOfScaledRows(samples.AsSpan(range), counts.AsSpan(range), gradients, rows.Slice(i * c, c));
            }
        });
        return dw;
    }

    /// <summary>Largest <c>B·T·N</c> for which <c>dw_rec</c> is one product over a shifted copy of the spikes (8 MB).</summary>
    private const long SingleProductLimit = 1 << 21;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step(FusedLifSpec spec, scoped in Views t, int b, int step, Carry carry, int slot, Accumulators acc,
        ReadOnlySpan<float> gsRec)
    {
        int n = spec.Neurons, c = spec.Channels;
        int neuronRow = (b * spec.Steps + step) * n, channelRow = (b * spec.Steps + step) * c;
        var row = new FusedLifBackwardStep.Row
        {
            GS = Slice(t.GS, neuronRow, n),
            GV = Slice(t.GV, neuronRow, n),
            GI = Slice(t.GI, channelRow, c),
            GR = Slice(t.GR, channelRow, c),
            GsRec = gsRec,
            U = t.U.Slice(neuronRow, n),
            S = t.Spikes.Slice(neuronRow, n),
            UPrev = step == 0 ? default : t.U.Slice(neuronRow - n, n),
            SPrev = step == 0 ? default : t.Spikes.Slice(neuronRow - n, n),
            Ip = Slice(t.Ip, channelRow, c),
            Du = carry.Du.AsSpan(slot * n, n),
            DIp = carry.DIp.AsSpan(slot * c, c),
            DuSynapse = carry.DuSynapse,
            Dx = t.Dx.Slice(channelRow, c),
            Direc = Slice(t.Direc, channelRow, c),
            AccAlpha = acc.Alpha, AccBias = acc.Bias, AccThreshold = acc.Threshold, AccBeta = acc.Beta,
        };
        FusedLifBackwardStep.Run(row, new FusedLifBackwardStep.Parameters(t.Alpha, t.Beta, t.Threshold, t.V0, spec), spec.Synapses);
    }

    private static ReadOnlySpan<float> Slice(ReadOnlySpan<float> trace, int start, int length) =>
        trace.IsEmpty ? default : trace.Slice(start, length);

    private static Span<float> Slice(Span<float> trace, int start, int length) =>
        trace.IsEmpty ? default : trace.Slice(start, length);

    /// <summary>Spans over the tensors, taken once per loop.</summary>
    private readonly ref struct Views(Tensors t, Tensor dx, Tensor? direc)
    {
        public readonly ReadOnlySpan<float> U = Span(t.U), Spikes = Span(t.Spikes), Ip = Optional(t.Ip);
        public readonly ReadOnlySpan<float> GS = Optional(t.GS), GV = Optional(t.GV), GI = Optional(t.GI), GR = Optional(t.GR);
        public readonly ReadOnlySpan<float> Alpha = Span(t.Alpha), Beta = Span(t.Beta), Threshold = Span(t.Threshold), V0 = Span(t.V0);
        public readonly Span<float> Dx = Span(dx), Direc = Optional(direc);
    }

    /// <summary>The gradients carried from step t+1 to step t (for one batch element, or all of them).</summary>
    private sealed class Carry(int rows, int neurons, int synapses)
    {
        public readonly float[] Du = new float[rows * neurons], DIp = new float[rows * neurons * synapses];
        public readonly float[] DuSynapse = new float[synapses > 1 ? neurons * synapses : 0];
        public void Clear() { Array.Clear(Du); Array.Clear(DIp); }
    }

    /// <summary>Parameter gradients summed over the batch elements one worker handles.</summary>
    private sealed class Accumulators(int neurons, int channels)
    {
        public readonly float[] Alpha = new float[neurons], Bias = new float[neurons], Threshold = new float[neurons];
        public readonly float[] Beta = new float[channels];

        public static Accumulators Sum(List<Accumulators> parts, int neurons, int channels)
        {
            if (parts.Count == 1) return parts[0];
            var total = new Accumulators(neurons, channels);
            foreach (var part in parts)
            {
                Add(total.Alpha, part.Alpha);
                Add(total.Bias, part.Bias);
                Add(total.Threshold, part.Threshold);
                Add(total.Beta, part.Beta);
            }
            return total;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Add(float[] total, float[] part)
        {
            for (int i = 0; i < total.Length; i++) total[i] += part[i];
        }
    }
}
