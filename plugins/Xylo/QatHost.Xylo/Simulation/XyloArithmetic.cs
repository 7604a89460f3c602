using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QatHost.Xylo.Simulation;

/// <summary>
/// The chip's integer primitives (Xylo spec 8.2), scalar and vectorised over neurons. States are kept in
/// <see cref="int"/> but always hold 16-bit values.
/// </summary>
public static class XyloArithmetic
{
    /// <summary>Saturates to the signed 16-bit range: <c>min(32767, max(-32768, x))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sat16(int x) => x > short.MaxValue ? short.MaxValue : x < short.MinValue ? short.MinValue : x;

    /// <summary>The decay step <c>D(v, d)</c>: <c>v &gt;&gt; d</c> (arithmetic, i.e. floor), or <c>sign(v)</c> when that
    /// is 0 and v is not. Written branch-free as <c>max(v &gt;&gt; d, min(v, 1))</c>: for v &lt; 0, v &gt;&gt; d ≥ v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DecayStep(int v, int d) => Math.Max(v >> d, Math.Min(v, 1));

    /// <summary>The decayed value <c>v - D(v, d)</c> (asymmetric: 100 → 94 but -100 → -93 for d = 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Decay(int v, int d) => v - DecayStep(v, d);

    /// <summary>Decays every value in place: <c>x[i] = x[i] - D(x[i], d[i])</c>.</summary>
    public static void Decay(Span<int> x, ReadOnlySpan<int> d)
    {
        int i = 0;
        if (Avx2.IsSupported)
        {
            ref int xs = ref x[0];
            ref int ds = ref Unsafe.AsRef(in d[0]);
            for (; i <= x.Length - 8; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref xs, (nuint)i);
                var step = Vector256.Max(Avx2.ShiftRightArithmeticVariable(v, Vector256.LoadUnsafe(ref ds, (nuint)i).AsUInt32()),
                    Vector256.Min(v, Vector256<int>.One));
                (v - step).StoreUnsafe(ref xs, (nuint)i);
            }
        }
        for (; i < x.Length; i++) x[i] = Decay(x[i], d[i]);
    }

    /// <summary>
    /// The membrane update after the synapses have decayed (spec 8.3 steps 2-5), in place over neurons:
    /// v2: <c>dV = sat16(-D(V, dash_mem) + I); dV = sat16(dV + bias); V = sat16(V + dV)</c>;
    /// v1: <c>V = sat16(V - D(V, dash_mem) + I)</c>, no bias. <c>I</c> is the sum of the (one or two) synaptic states.
    /// </summary>
    public static void Integrate(Span<int> vmem, ReadOnlySpan<int> dashMem, ReadOnlySpan<int> isyn, ReadOnlySpan<int> isyn2,
        ReadOnlySpan<int> bias, XyloNeuronModel model)
    {
        bool two = isyn2.Length > 0;
        int i = 0;
        if (Avx2.IsSupported && model == XyloNeuronModel.V2)
        {
            var lo = Vector256.Create((int)short.MinValue);
            var hi = Vector256.Create((int)short.MaxValue);
            ref int vs = ref vmem[0];
            for (; i <= vmem.Length - 8; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref vs, (nuint)i);
                var current = Vector256.Create(isyn.Slice(i, 8));
                if (two) current += Vector256.Create(isyn2.Slice(i, 8));
                var step = Vector256.Max(Avx2.ShiftRightArithmeticVariable(v, Vector256.Create(dashMem.Slice(i, 8)).AsUInt32()),
                    Vector256.Min(v, Vector256<int>.One));
                var dv = Vector256.Min(Vector256.Max(current - step, lo), hi);
                dv = Vector256.Min(Vector256.Max(dv + Vector256.Create(bias.Slice(i, 8)), lo), hi);
                Vector256.Min(Vector256.Max(v + dv, lo), hi).StoreUnsafe(ref vs, (nuint)i);
            }
        }
        for (; i < vmem.Length; i++)
        {
            int current = isyn[i] + (two ? isyn2[i] : 0);
            vmem[i] = model == XyloNeuronModel.V2
                ? Sat16(vmem[i] + Sat16(Sat16(current - DecayStep(vmem[i], dashMem[i])) + bias[i]))
                : Sat16(Decay(vmem[i], dashMem[i]) + current);
        }
    }

    /// <summary>Spike generation with subtractive reset (spec 8.3 step 6) for a threshold of at least 1:
    /// starting from <paramref name="credited"/> spikes, fire while <c>V ≥ thr</c> and the count is below
    /// <paramref name="cap"/>, subtracting the threshold each time. Returns the total count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Fire(ref int vmem, int threshold, int credited, int cap)
    {
        if (vmem < threshold || credited >= cap) return credited;
        int n = Math.Min(vmem / threshold, cap - credited);
        vmem -= n * threshold;
        return credited + n;
    }
}
