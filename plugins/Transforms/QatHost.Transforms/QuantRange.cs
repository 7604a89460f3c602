using static TorchSharp.torch;

namespace QatHost.Transforms;

/// <summary>
/// An input or output range of Rockpool's rounding functions (spec 6.2): either numbers the user gave, or
/// tensors computed from the value with autograd (±max|x|, or [min, max]), so that the gradient also flows
/// through the range, as in Rockpool. The operations run in Rockpool's order and dtypes: a given range is
/// Python floats (the quantum computed in double, then used as a scalar operand), a computed one is float32
/// tensors.
/// </summary>
internal sealed class QuantRange
{
    private readonly Tensor? low, high;
    private readonly double lowNumber, highNumber;

    private QuantRange(Tensor? low, Tensor? high, double lowNumber, double highNumber)
    {
        this.low = low;
        this.high = high;
        this.lowNumber = lowNumber;
        this.highNumber = highNumber;
    }

    /// <summary>A range the user gave.</summary>
    public static QuantRange Given((double Min, double Max) range) => new(null, null, range.Min, range.Max);

    /// <summary>The default range of <paramref name="value"/>: <c>[-max|x|, max|x|]</c> with
    /// <paramref name="maintainZero"/>, else <c>[min x, max x]</c>. Along <paramref name="dim"/> only (per
    /// channel) when given, else over the whole tensor.</summary>
    public static QuantRange Of(Tensor value, bool maintainZero, long? dim = null)
    {
        if (maintainZero)
        {
            var max = dim is { } d ? value.abs().amax([d], keepdim: true) : value.abs().max();
            return new(-max, max, 0, 0);
        }
        return dim is { } c
            ? new(value.amin([c], keepdim: true), value.amax([c], keepdim: true), 0, 0)
            : new(value.min(), value.max(), 0, 0);
    }

    /// <summary>The given range, or the computed one when none was given.</summary>
    public static QuantRange GivenOr((double Min, double Max)? range, Tensor value, bool maintainZero, long? dim = null) =>
        range is { } r ? Given(r) : Of(value, maintainZero, dim);

    /// <summary>True when the range was computed from the data (and so can be empty).</summary>
    public bool IsComputed => low is not null;

    /// <summary>The quantum <c>(max - min) / (levels - 1)</c>: a float32 tensor for a computed range.</summary>
    public Tensor QuantumTensor(int levels) => (high! - low!) / (levels - 1);

    /// <summary>The quantum of a given range, in double as Python computes it.</summary>
    public double QuantumNumber(int levels) => (highNumber - lowNumber) / (levels - 1);

    /// <summary>Levels <c>(x - min) / quantum</c>, not yet rounded. <paramref name="quantum"/> replaces the
    /// computed quantum (to keep empty ranges from dividing by zero).</summary>
    public Tensor ToLevels(Tensor value, int levels, Tensor? quantum = null) => IsComputed
        ? (value - low!) / (quantum ?? QuantumTensor(levels))
        : (value - lowNumber) / QuantumNumber(levels);

    /// <summary>Values <c>levels · quantum + min</c>.</summary>
    public Tensor FromLevels(Tensor rounded, int levels) => IsComputed
        ? rounded * QuantumTensor(levels) + low!
        : rounded * QuantumNumber(levels) + lowNumber;
}
