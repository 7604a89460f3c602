using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QatHost.Sdk.Engine;

/// <summary>One time step of one batch element of the fused LIF forward pass, vectorised over neurons
/// (spec 3.4), in Rockpool's float operation order so that spike counts equal the reference path's.</summary>
internal static class FusedLifForwardStep
{
    /// <summary>The rows one step reads and writes. Optional rows are empty.</summary>
    public ref struct Row
    {
        public Span<float> V;                 // membrane state (N), updated
        public Span<float> I;                 // synaptic state (N·S), updated
        public Span<float> Sum;               // scratch (N), used when S > 1
        public ReadOnlySpan<float> X;         // input (N·S)
        public ReadOnlySpan<float> Irec;      // recurrent input (N·S), optional
        public ReadOnlySpan<float> Noise;     // membrane noise (N), optional
        public Span<float> U;                 // pre-reset membrane (N), optional (saved for backward)
        public Span<float> S;                 // spike counts (N)
        public Span<float> Ip;                // synaptic current before decay (N·S), optional (saved for backward)
        public Span<float> RecV;              // recorded vmem (N), optional
        public Span<float> RecI;              // recorded isyn (N·S), optional
    }

    /// <summary>Per-neuron parameters, broadcast to full shape.</summary>
    public readonly ref struct Parameters(ReadOnlySpan<float> alpha, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> bias, ReadOnlySpan<float> threshold, float maxSpikes)
    {
        public readonly ReadOnlySpan<float> Alpha = alpha, Beta = beta, Bias = bias, Threshold = threshold;
        public readonly float MaxSpikes = maxSpikes;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(scoped in Row row, scoped in Parameters p, int synapses)
    {
        int channels = row.I.Length, neurons = row.V.Length;
        int split = channels - channels % VectorLanes.Width;
        Synapse<VectorLanes>(row, p, 0, split);
        Synapse<ScalarLanes>(row, p, split, channels);
        ReadOnlySpan<float> sum = row.I;
        if (synapses > 1)
        {
            // Torch's sum over the synapse dimension, in index order.
            for (int n = 0; n < neurons; n++)
            {
                float total = 0;
                for (int k = 0; k < synapses; k++) total += row.I[n * synapses + k];
                row.Sum[n] = total;
            }
            sum = row.Sum;
        }
        split = neurons - neurons % VectorLanes.Width;
        Neuron<VectorLanes>(row, p, sum, 0, split);
        Neuron<ScalarLanes>(row, p, sum, split, neurons);
    }

    // I = I + x (+ irec); Ip = I; I = I * beta
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Synapse<L>(scoped in Row r, scoped in Parameters p, int start, int end) where L : struct, ILanes<L>
    {
        ref float i = ref MemoryMarshal.GetReference(r.I);
        ref float x = ref MemoryMarshal.GetReference(r.X);
        ref float irec = ref MemoryMarshal.GetReference(r.Irec);
        ref float ip = ref MemoryMarshal.GetReference(r.Ip);
        ref float beta = ref MemoryMarshal.GetReference(p.Beta);
        ref float recI = ref MemoryMarshal.GetReference(r.RecI);
        bool hasRec = !r.Irec.IsEmpty, saveIp = !r.Ip.IsEmpty, record = !r.RecI.IsEmpty;
        for (int j = start; j < end; j += L.Width)
        {
            var current = L.Load(ref i, j) + L.Load(ref x, j);
            if (hasRec) current = current + L.Load(ref irec, j);
            if (saveIp) L.Store(current, ref ip, j);
            current = current * L.Load(ref beta, j);
            L.Store(current, ref i, j);
            if (record) L.Store(current, ref recI, j);
        }
    }

    // v = v * alpha; u = v + sum(I) + noise + bias; s = min((u ≥ θ) · floor(u / θ), max); v = u - s θ
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Neuron<L>(scoped in Row r, scoped in Parameters p, ReadOnlySpan<float> sumI, int start, int end)
        where L : struct, ILanes<L>
    {
        ref float v = ref MemoryMarshal.GetReference(r.V);
        ref float sum = ref MemoryMarshal.GetReference(sumI);
        ref float noise = ref MemoryMarshal.GetReference(r.Noise);
        ref float alpha = ref MemoryMarshal.GetReference(p.Alpha);
        ref float bias = ref MemoryMarshal.GetReference(p.Bias);
        ref float threshold = ref MemoryMarshal.GetReference(p.Threshold);
        ref float u = ref MemoryMarshal.GetReference(r.U);
        ref float s = ref MemoryMarshal.GetReference(r.S);
        ref float recV = ref MemoryMarshal.GetReference(r.RecV);
        bool noisy = !r.Noise.IsEmpty, saveU = !r.U.IsEmpty, record = !r.RecV.IsEmpty;
        var one = L.Splat(1f);
        var zero = L.Splat(0f);
        var max = L.Splat(p.MaxSpikes);
        for (int j = start; j < end; j += L.Width)
        {
            var membrane = L.Load(ref v, j) * L.Load(ref alpha, j) + L.Load(ref sum, j);
            if (noisy) membrane = membrane + L.Load(ref noise, j);
            membrane = membrane + L.Load(ref bias, j);
            var theta = L.Load(ref threshold, j);
            // Multiplying by the 0/1 mask (not selecting) keeps Torch's -0 and NaN propagation.
            var count = L.IfGreaterOrEqual(membrane, theta, one, zero) * L.Floor(membrane / theta);
            count = L.IfGreater(count, max, max, count);
            if (saveU) L.Store(membrane, ref u, j);
            L.Store(count, ref s, j);
            membrane = membrane - count * theta;
            L.Store(membrane, ref v, j);
            if (record) L.Store(membrane, ref recV, j);
        }
    }
}
