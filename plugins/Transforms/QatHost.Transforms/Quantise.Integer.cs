using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms;

public static partial class Quantise
{
    private sealed class IntegerQuantisation(string description, int bits, bool maintainZero, bool mapToMax, int maxBits)
        : Transform(description)
    {
        public override Tensor Forward(Tensor value, TransformContext context)
        {
            Guard.FiniteInput(value, this, context);
            using var scope = NewDisposeScope();
            var x = value;
            // Rockpool's shift: half the range, not the midpoint (kept for identical numbers; see the factory).
            if (!maintainZero) x = x - (x.max() - x.min()) / 2;
            long qmax = (1L << (bits - 1)) - 1;
            var maxAbs = x.abs().max();
            long stretch = (1L << (maxBits - 1)) - 1;
            if (maxAbs.item<float>() == 0)
            {
                // All zero: Rockpool's scale is the Python number 1 (times stretch / qmax).
                double plain = mapToMax ? 1.0 * stretch / qmax : 1.0;
                return StraightThrough.Round(x * plain).MoveToOuterDisposeScope();
            }
            // As Python evaluates `qmax / max_value` on a tensor: reciprocal(max_value) * qmax.
            var scale = maxAbs.reciprocal() * qmax;
            if (mapToMax) scale = scale * stretch / qmax;
            return StraightThrough.Round(scale * x).MoveToOuterDisposeScope();
        }
    }
}
