using System.Numerics;
using System.Runtime.CompilerServices;

namespace QatHost.Sdk.Engine;

/// <summary>The arithmetic the fused LIF kernels need, over a group of float lanes. The kernels are written once,
/// generic over this interface, and instantiated for <see cref="VectorLanes"/> (the bulk of a row) and
/// <see cref="ScalarLanes"/> (the remainder), so that both compute the same float operations in the same order.</summary>
internal interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    static abstract int Width { get; }
    static abstract TSelf Load(ref float row, int offset);
    static abstract void Store(TSelf value, ref float row, int offset);
    static abstract TSelf Splat(float value);
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf Floor(TSelf a);
    static abstract TSelf Abs(TSelf a);
    static abstract TSelf Exp(TSelf a);
    /// <summary><c>a ≥ b ? x : y</c>, lane by lane (false for NaN).</summary>
    static abstract TSelf IfGreaterOrEqual(TSelf a, TSelf b, TSelf x, TSelf y);
    /// <summary><c>a &gt; b ? x : y</c>, lane by lane (false for NaN).</summary>
    static abstract TSelf IfGreater(TSelf a, TSelf b, TSelf x, TSelf y);
}

/// <summary>Hardware-width lanes (<see cref="Vector{T}"/>).</summary>
internal readonly struct VectorLanes(Vector<float> value) : ILanes<VectorLanes>
{
    private readonly Vector<float> value = value;

    public static int Width => Vector<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Load(ref float row, int offset) => new(Vector.LoadUnsafe(ref row, (nuint)offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(VectorLanes v, ref float row, int offset) => v.value.StoreUnsafe(ref row, (nuint)offset);
    public static VectorLanes Splat(float value) => new(new Vector<float>(value));
    public static VectorLanes operator +(VectorLanes a, VectorLanes b) => new(a.value + b.value);
    public static VectorLanes operator -(VectorLanes a, VectorLanes b) => new(a.value - b.value);
    public static VectorLanes operator -(VectorLanes a) => new(-a.value);
    public static VectorLanes operator *(VectorLanes a, VectorLanes b) => new(a.value * b.value);
    public static VectorLanes operator /(VectorLanes a, VectorLanes b) => new(a.value / b.value);
    public static VectorLanes Floor(VectorLanes a) => new(Vector.Floor(a.value));
    public static VectorLanes Abs(VectorLanes a) => new(Vector.Abs(a.value));
    public static VectorLanes Exp(VectorLanes a)
    {
        // Lane by lane with MathF.Exp (correctly rounded like LibTorch's), not a vector approximation.
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        a.value.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++) lanes[i] = MathF.Exp(lanes[i]);
        return new(new Vector<float>(lanes));
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes IfGreaterOrEqual(VectorLanes a, VectorLanes b, VectorLanes x, VectorLanes y) =>
        new(Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a.value, b.value), x.value, y.value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes IfGreater(VectorLanes a, VectorLanes b, VectorLanes x, VectorLanes y) =>
        new(Vector.ConditionalSelect(Vector.GreaterThan(a.value, b.value), x.value, y.value));
}

/// <summary>One lane: the remainder of a row that does not fill a vector.</summary>
internal readonly struct ScalarLanes(float value) : ILanes<ScalarLanes>
{
    private readonly float value = value;

    public static int Width => 1;
    public static ScalarLanes Load(ref float row, int offset) => new(Unsafe.Add(ref row, offset));
    public static void Store(ScalarLanes v, ref float row, int offset) => Unsafe.Add(ref row, offset) = v.value;
    public static ScalarLanes Splat(float value) => new(value);
    public static ScalarLanes operator +(ScalarLanes a, ScalarLanes b) => new(a.value + b.value);
    public static ScalarLanes operator -(ScalarLanes a, ScalarLanes b) => new(a.value - b.value);
    public static ScalarLanes operator -(ScalarLanes a) => new(-a.value);
    public static ScalarLanes operator *(ScalarLanes a, ScalarLanes b) => new(a.value * b.value);
    public static ScalarLanes operator /(ScalarLanes a, ScalarLanes b) => new(a.value / b.value);
    public static ScalarLanes Floor(ScalarLanes a) => new(MathF.Floor(a.value));
    public static ScalarLanes Abs(ScalarLanes a) => new(MathF.Abs(a.value));
    public static ScalarLanes Exp(ScalarLanes a) => new(MathF.Exp(a.value));
    public static ScalarLanes IfGreaterOrEqual(ScalarLanes a, ScalarLanes b, ScalarLanes x, ScalarLanes y) =>
        a.value >= b.value ? x : y;
    public static ScalarLanes IfGreater(ScalarLanes a, ScalarLanes b, ScalarLanes x, ScalarLanes y) =>
        a.value > b.value ? x : y;
}
