using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace QatHost.Sdk.Engine;

/// <summary>Products with a spike-count matrix as the left factor, summed over its non-zero entries only.
/// Spikes are sparse: a recurrent layer that fires on a tenth of its neurons per step needs a tenth of the
/// multiply-adds of the dense product, and a row of zeros costs one scan.</summary>
/// <remarks>Each output element is accumulated in index order with fused multiply-adds starting from zero, which is
/// the order of a BLAS kernel that does not split the summed dimension (LibTorch's for up to 128 neurons on one
/// thread, measured); skipped zeros change no sum. Elsewhere the result can differ from the dense product by float
/// rounding, as the dense product differs between BLAS libraries.</remarks>
internal static class SpikeProducts
{
    /// <summary>Above this share of non-zero spike counts the dense BLAS product is used instead. A gathered
    /// multiply-add costs 2-4 times one of LibTorch's BLAS (measured on AVX2, <c>gather</c> benchmark suite):
    /// the gather is faster below about 15-25 % activity for 128-1024 neurons.</summary>
    public const double MaxDensity = 0.15;

    /// <summary>Number of non-zero entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CountNonZero(ReadOnlySpan<float> values)
    {
        int count = 0;
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        foreach (var v in vectors)
            count += Vector<float>.Count + Vector.Sum(Vector.Equals(v, Vector<float>.Zero));   // true lanes are -1
        for (int k = vectors.Length * Vector<float>.Count; k < values.Length; k++)
            if (values[k] != 0) count++;
        return count;
    }

    /// <summary><c>row = spikes @ w</c> for one row of spike counts <c>(N)</c> and <c>w (N, C)</c> (row-major).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> spikes, ReadOnlySpan<float> w, Span<float> row)
    {
        // Called per batch element and step: the lists of active neurons reuse this thread's buffers.
        if (activeIndex is null || activeCount is null || activeIndex.Length < spikes.Length)
            (activeIndex, activeCount) = (new int[spikes.Length], new float[spikes.Length]);
        var (index, count) = (activeIndex, activeCount);
        int active = 0;
        for (int i = 0; i < spikes.Length; i++)
            if (spikes[i] != 0) (index[active], count[active++]) = (i, spikes[i]);
        SumOfScaledRows(index.AsSpan(0, active), count.AsSpan(0, active), w, row);
    }

    [ThreadStatic] private static int[]? activeIndex;
    [ThreadStatic] private static float[]? activeCount;

    /// <summary><c>target = Σ_k scales[k] · matrix[rows[k]]</c>, the rows of <paramref name="matrix"/> being
    /// <c>target.Length</c> long; each element summed in the order of <paramref name="rows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SumOfScaledRows(ReadOnlySpan<int> rows, ReadOnlySpan<float> scales, ReadOnlySpan<float> matrix, Span<float> target)
    {
        // Blocks of four vectors of columns, accumulated in registers over every listed row.
        int c = target.Length, width = Vector<float>.Count, block = 4 * width, blocked = c - c % block;
        ref float source = ref MemoryMarshal.GetReference(matrix);
        ref float output = ref MemoryMarshal.GetReference(target);
        for (int j = 0; j < blocked; j += block)
        {
            Vector<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int k = 0; k < rows.Length; k++)
            {
                var s = new Vector<float>(scales[k]);
                nuint at = (nuint)((long)rows[k] * c + j);
                a0 = Vector.FusedMultiplyAdd(s, Vector.LoadUnsafe(ref source, at), a0);
                a1 = Vector.FusedMultiplyAdd(s, Vector.LoadUnsafe(ref source, at + (nuint)width), a1);
                a2 = Vector.FusedMultiplyAdd(s, Vector.LoadUnsafe(ref source, at + (nuint)(2 * width)), a2);
                a3 = Vector.FusedMultiplyAdd(s, Vector.LoadUnsafe(ref source, at + (nuint)(3 * width)), a3);
            }
            a0.StoreUnsafe(ref output, (nuint)j);
            a1.StoreUnsafe(ref output, (nuint)(j + width));
            a2.StoreUnsafe(ref output, (nuint)(j + 2 * width));
            a3.StoreUnsafe(ref output, (nuint)(j + 3 * width));
        }
        if (blocked == c) return;
        var rest = target[blocked..];
        rest.Clear();
        for (int k = 0; k < rows.Length; k++) AddScaled(rest, scales[k], matrix.Slice(rows[k] * c + blocked, c - blocked));
    }

    /// <summary><c>target += scale · source</c> with one rounding per element (fused multiply-add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(Span<float> target, float scale, ReadOnlySpan<float> source)
    {
        var factor = new Vector<float>(scale);
        var t = MemoryMarshal.Cast<float, Vector<float>>(target);
        var s = MemoryMarshal.Cast<float, Vector<float>>(source);
        for (int k = 0; k < t.Length; k++) t[k] = Vector.FusedMultiplyAdd(factor, s[k], t[k]);
        for (int k = t.Length * Vector<float>.Count; k < target.Length; k++)
            target[k] = MathF.FusedMultiplyAdd(scale, source[k], target[k]);
    }
}
