using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QatHost.Sdk.Engine;

/// <summary>One time step, taken backwards, of one batch element: back-propagation through time for the
/// fused LIF layer, with the surrogate gradients of spec 3.3.</summary>
/// <remarks>
/// With <c>u</c> the membrane before reset, <c>I'</c> the synaptic current before decay and <c>g*</c> the
/// gradients arriving from the outputs (spikes, recorded vmem, isyn, irec), step <c>t</c> computes
/// <code>
/// gv  = gV[t] + alpha · du[t+1]                       // dL/dv[t], v after reset
/// gs  = gS[t] + (dIrec[t+1] @ w_recᵀ) - gv · θ          // dL/ds[t]; the reset subtracts s θ
/// du  = gv + gs · ds/du                               // dL/du[t]
/// dI  = gI[t] + du + dI'[t+1]                         // dL/dI[t], I after decay
/// dI' = beta · dI                                     // dL/dI'[t] = dL/dx[t]; dIrec[t] = dI' + gR[t]
/// dθ += gs · ds/dθ - gv · s;  dbias += du;  dalpha += v[t-1] · du;  dbeta += I'[t] · dI
/// </code>
/// <c>v[t-1] = u[t-1] - s[t-1] θ</c> is recomputed with the forward pass's float operations.
/// </remarks>
internal static class FusedLifBackwardStep
{
    /// <summary>The rows one backward step reads and writes. Optional rows are empty.</summary>
    public ref struct Row
    {
        public ReadOnlySpan<float> GS, GV, GI, GR;   // incoming gradients (N, N, N·S, N·S), optional
        public ReadOnlySpan<float> GsRec;            // dIrec[t+1] @ w_recᵀ (N), optional
        public ReadOnlySpan<float> U, S;             // saved trace rows at t (N)
        public ReadOnlySpan<float> UPrev, SPrev;     // at t-1 (N); empty at t = 0, then V0 is v[t-1]
        public ReadOnlySpan<float> Ip;               // I'[t] (N·S), optional (only for dbeta)
        public Span<float> Du;                       // carry (N): du[t+1] in, du[t] out
        public Span<float> DIp;                      // carry (N·S): dI'[t+1] in, dI'[t] out
        public Span<float> DuSynapse;                // scratch (N·S), used when S > 1
        public Span<float> Dx;                       // dL/dx[t] (N·S)
        public Span<float> Direc;                    // dIrec[t] (N·S), optional: only when it differs from Dx
        public Span<float> AccAlpha, AccBias, AccThreshold, AccBeta;
    }

    /// <summary>Per-neuron parameters and the surrogate's constants.</summary>
    public readonly ref struct Parameters(ReadOnlySpan<float> alpha, ReadOnlySpan<float> beta, ReadOnlySpan<float> threshold,
        ReadOnlySpan<float> v0, FusedLifSpec spec)
    {
        public readonly ReadOnlySpan<float> Alpha = alpha, Beta = beta, Threshold = threshold, V0 = v0;
        public readonly SpikeGeneration Surrogate = spec.Surrogate;
        public readonly float Window = spec.Window, MaxSpikes = spec.MaxSpikes;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(scoped in Row row, scoped in Parameters p, int synapses)
    {
        int neurons = row.Du.Length, channels = row.DIp.Length;
        int split = neurons - neurons % VectorLanes.Width;
        Neuron<VectorLanes>(row, p, 0, split);
        Neuron<ScalarLanes>(row, p, split, neurons);
        ReadOnlySpan<float> du = row.Du;
        if (synapses > 1)
        {
            for (int n = 0; n < neurons; n++) row.DuSynapse.Slice(n * synapses, synapses).Fill(row.Du[n]);
            du = row.DuSynapse;
        }
        split = channels - channels % VectorLanes.Width;
        Synapse<VectorLanes>(row, p, du, 0, split);
        Synapse<ScalarLanes>(row, p, du, split, channels);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Neuron<L>(scoped in Row r, scoped in Parameters p, int start, int end) where L : struct, ILanes<L>
    {
        ref float gS = ref MemoryMarshal.GetReference(r.GS);
        ref float gV = ref MemoryMarshal.GetReference(r.GV);
        ref float gsRec = ref MemoryMarshal.GetReference(r.GsRec);
        ref float uRow = ref MemoryMarshal.GetReference(r.U);
        ref float sRow = ref MemoryMarshal.GetReference(r.S);
        ref float uPrev = ref MemoryMarshal.GetReference(r.UPrev);
        ref float sPrev = ref MemoryMarshal.GetReference(r.SPrev);
        ref float v0 = ref MemoryMarshal.GetReference(p.V0);
        ref float duCarry = ref MemoryMarshal.GetReference(r.Du);
        ref float alpha = ref MemoryMarshal.GetReference(p.Alpha);
        ref float threshold = ref MemoryMarshal.GetReference(p.Threshold);
        ref float accAlpha = ref MemoryMarshal.GetReference(r.AccAlpha);
        ref float accBias = ref MemoryMarshal.GetReference(r.AccBias);
        ref float accThreshold = ref MemoryMarshal.GetReference(r.AccThreshold);
        bool hasGS = !r.GS.IsEmpty, hasGV = !r.GV.IsEmpty, hasRec = !r.GsRec.IsEmpty, first = r.UPrev.IsEmpty;
        bool stepPwl = p.Surrogate == SpikeGeneration.StepPWL;
        var zero = L.Splat(0f);
        var one = L.Splat(1f);
        var two = L.Splat(2f);
        var window = L.Splat(p.Window);
        var maxMinusOne = L.Splat(p.MaxSpikes - 1f);
        for (int j = start; j < end; j += L.Width)
        {
            var theta = L.Load(ref threshold, j);
            var gv = L.Load(ref alpha, j) * L.Load(ref duCarry, j);
            if (hasGV) gv = gv + L.Load(ref gV, j);
            var gs = hasGS ? L.Load(ref gS, j) : zero;
            if (hasRec) gs = gs + L.Load(ref gsRec, j);
            gs = gs - gv * theta;
            var u = L.Load(ref uRow, j);
            L dsdu, dsdTheta;
            if (stepPwl)
            {
                var mask = L.IfGreaterOrEqual(u, theta - window, one, zero);
                dsdu = mask / theta;
                dsdTheta = -(mask * u) / (theta * theta);
            }
            else
            {
                var shifted = u - theta / two;
                var k = L.Floor(shifted / theta);
                k = L.IfGreater(k, maxMinusOne, maxMinusOne, k);
                var wrapped = L.IfGreaterOrEqual(u, theta, shifted - k * theta, shifted);
                dsdu = L.Exp(-L.Abs(wrapped - theta / two) / window) / theta;
                dsdTheta = -(dsdu * (u / theta));
            }
            var du = gv + gs * dsdu;
            L.Store(L.Load(ref accThreshold, j) + (gs * dsdTheta - gv * L.Load(ref sRow, j)), ref accThreshold, j);
            L.Store(L.Load(ref accBias, j) + du, ref accBias, j);
            var vPrev = first ? L.Load(ref v0, j) : L.Load(ref uPrev, j) - L.Load(ref sPrev, j) * theta;
            L.Store(L.Load(ref accAlpha, j) + vPrev * du, ref accAlpha, j);
            L.Store(du, ref duCarry, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Synapse<L>(scoped in Row r, scoped in Parameters p, ReadOnlySpan<float> duSynapse, int start, int end)
        where L : struct, ILanes<L>
    {
        ref float du = ref MemoryMarshal.GetReference(duSynapse);
        ref float gI = ref MemoryMarshal.GetReference(r.GI);
        ref float gR = ref MemoryMarshal.GetReference(r.GR);
        ref float ip = ref MemoryMarshal.GetReference(r.Ip);
        ref float dIpCarry = ref MemoryMarshal.GetReference(r.DIp);
        ref float beta = ref MemoryMarshal.GetReference(p.Beta);
        ref float accBeta = ref MemoryMarshal.GetReference(r.AccBeta);
        ref float dx = ref MemoryMarshal.GetReference(r.Dx);
        ref float direc = ref MemoryMarshal.GetReference(r.Direc);
        bool hasGI = !r.GI.IsEmpty, hasIp = !r.Ip.IsEmpty, separateDirec = !r.Direc.IsEmpty, hasGR = !r.GR.IsEmpty;
        for (int j = start; j < end; j += L.Width)
        {
            var dI = L.Load(ref du, j) + L.Load(ref dIpCarry, j);
            if (hasGI) dI = dI + L.Load(ref gI, j);
            if (hasIp) L.Store(L.Load(ref accBeta, j) + L.Load(ref ip, j) * dI, ref accBeta, j);
            var dIp = L.Load(ref beta, j) * dI;
            L.Store(dIp, ref dIpCarry, j);
            L.Store(dIp, ref dx, j);
            if (separateDirec) L.Store(hasGR ? dIp + L.Load(ref gR, j) : dIp, ref direc, j);
        }
    }
}
