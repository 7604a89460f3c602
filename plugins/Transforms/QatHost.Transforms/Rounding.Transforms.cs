using QatHost.Sdk;
using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms;

public static partial class Rounding
{
    /// <summary>What deterministic and stochastic rounding share: ranges, the empty-range rule, the mapping back.</summary>
    private abstract class RangeRounding(string description, int levels, (double Min, double Max)? inputRange,
        (double Min, double Max)? outputRange, bool maintainZero) : Transform(description)
    {
        public override Tensor Forward(Tensor value, TransformContext context)
        {
            Guard.FiniteInput(value, this, context);
            using var scope = NewDisposeScope();
            // Drawn before anything else, even when the range turns out empty, so the generator advances as in Rockpool.
            var uniform = Draw(value, context);
            var input = QuantRange.GivenOr(inputRange, value, maintainZero);
            var output = outputRange is { } o ? QuantRange.Given(o) : input;
            Tensor? quantum = null;
            if (input.IsComputed)
            {
                quantum = input.QuantumTensor(levels);
                float q = quantum.item<float>();
                // Rockpool returns NaN here (0/0); an empty range has nothing to round against.
                if (q == 0) return value.alias().MoveToOuterDisposeScope();
                if (!float.IsFinite(q))
                    throw new QatHostException($"{Description} on {Guard.Where(context)}: the values are too large " +
                        "for float32 rounding (the range max - min overflows).");
            }
            var rounded = Round(input.ToLevels(value, levels, quantum), uniform);
            return output.FromLevels(rounded, levels).MoveToOuterDisposeScope();
        }

        /// <summary>The random numbers one call needs, if any: <c>U[0, 1)</c> of the value's shape.</summary>
        protected virtual Tensor? Draw(Tensor value, TransformContext context) => null;

        /// <summary>Rounds unrounded levels, straight-through.</summary>
        protected abstract Tensor Round(Tensor levels, Tensor? uniform);
    }

    private sealed class DeterministicRounding(string description, int levels, (double Min, double Max)? inputRange,
        (double Min, double Max)? outputRange, bool maintainZero)
        : RangeRounding(description, levels, inputRange, outputRange, maintainZero)
    {
        protected override Tensor Round(Tensor levels, Tensor? uniform) => StraightThrough.Round(levels);
    }

    private sealed class StochasticRounding(string description, int levels, (double Min, double Max)? inputRange,
        (double Min, double Max)? outputRange, bool maintainZero)
        : RangeRounding(description, levels, inputRange, outputRange, maintainZero)
    {
        protected override Tensor? Draw(Tensor value, TransformContext context) =>
            rand(value.shape, dtype: ScalarType.Float32, device: value.device, generator: context.Generator);

        protected override Tensor Round(Tensor levels, Tensor? uniform) => Stochastically(levels, uniform!);
    }

    /// <summary><c>floor(L) + (frac(L) &gt; U)</c> with a straight-through floor; the comparison has no gradient.</summary>
    private static Tensor Stochastically(Tensor levels, Tensor uniform)
    {
        var floor = StraightThrough.Floor(levels);
        return floor + (levels - floor).gt(uniform).to_type(levels.dtype);
    }

    private sealed class StochasticChannelRounding(string description, (double Min, double Max) outputRange, int levels,
        bool maintainZero) : Transform(description)
    {
        public override Tensor Forward(Tensor value, TransformContext context)
        {
            ChannelWeight(value, this, context);
            using var scope = NewDisposeScope();
            var input = QuantRange.Of(value, maintainZero, dim: 0);
            var quantum = input.QuantumTensor(levels);
            var empty = quantum.eq(0);
            var safeQuantum = where(empty, ones_like(quantum), quantum);
            // Rockpool draws rand(Nin) for column 0, then column 1, ...: the same stream as rand(Nout, Nin).T.
            var uniform = rand([value.shape[1], value.shape[0]], dtype: value.dtype, device: value.device,
                generator: context.Generator).t();
            var rounded = Stochastically(input.ToLevels(value, levels, safeQuantum), uniform);
            var result = QuantRange.Given(outputRange).FromLevels(rounded, levels);
            return where(empty, value, result).MoveToOuterDisposeScope();
        }
    }

    /// <summary>Per-channel rounding takes a finite 2-D (Nin, Nout) weight, one channel per column.</summary>
    private static void ChannelWeight(Tensor value, Transform transform, TransformContext context)
    {
        if (value.dim() != 2)
            throw new QatHostException($"{transform.Description} on {Guard.Where(context)}: needs a 2-D (Nin, Nout) weight " +
                $"(one channel per column), got shape [{string.Join(", ", value.shape)}].");
        Guard.FiniteInput(value, transform, context);
    }

    private sealed class DeterministicChannelRounding(string description, int levels, bool maintainZero) : Transform(description)
    {
        /// <summary>float32's machine epsilon: columns whose step is at most this share of the largest step are empty.</summary>
        private const float ColumnResolution = 1.1920929e-7f;

        public override Tensor Forward(Tensor value, TransformContext context)
        {
            ChannelWeight(value, this, context);
            using var scope = NewDisposeScope();
            var range = QuantRange.Of(value, maintainZero, dim: 0);
            var quantum = range.QuantumTensor(levels);
            // A column whose step is below float32 resolution of the largest column's (all zero, or a dead neuron's
            // inputs decayed to ~1e-28) has nothing to round against: its range gradient would divide by ~1e-30.
            var empty = quantum.le(quantum.max().detach() * ColumnResolution);
            var safeQuantum = where(empty, ones_like(quantum), quantum);
            var rounded = StraightThrough.Round(range.ToLevels(value, levels, safeQuantum));
            // Back onto the column's own range: rounded · q + min (the scale stays the input's).
            var result = rounded * safeQuantum + (range.FromLevels(zeros_like(rounded), levels));
            return where(empty, value, result).MoveToOuterDisposeScope();
        }
    }
}
