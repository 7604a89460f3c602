using System.Runtime.CompilerServices;
using QatHost.Sdk.Transforms;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Tests.Training;

/// <summary>Transforms for training tests, standing in for the Transforms plugin (which the SDK tests do not
/// reference): symmetric rounding to <c>levels</c> levels over ±max|x|, deterministic or stochastic, and a
/// transform with trainable state.</summary>
internal static class TestTransforms
{
    [ModuleInitializer]
    internal static void OneThread() =>
        // Tiny networks run several times faster on one intra-op thread than on two contending ones.
        set_num_threads(1);

    public static Transform Deterministic(int levels) => new Rounding($"Test.Deterministic(levels: {levels})", levels, stochastic: false);

    public static Transform Stochastic(int levels) => new Rounding($"Test.Stochastic(levels: {levels})", levels, stochastic: true);

    /// <summary>Multiplies by a trainable scale (initially 1), so training must move the scale.</summary>
    public static Transform LearnedScale() => new Scale();

    private sealed class Rounding(string description, int levels, bool stochastic) : Transform(description)
    {
        public override Tensor Forward(Tensor value, TransformContext context) => StraightThrough.Apply(value, v =>
        {
            double half = Math.Floor((levels - 1) / 2.0);
            var step = v.abs().max().clamp_min(1e-12) / half;
            var scaled = v / step;
            var rounded = stochastic ? (scaled + rand_like(scaled)).floor() : scaled.round();
            return rounded.clamp(-half, half) * step;
        });
    }

    private sealed class Scale() : Transform("Test.LearnedScale()")
    {
        private readonly Parameter scale = new(ones(1), requires_grad: true);

        public override Tensor Forward(Tensor value, TransformContext context) => value * scale;

        public override IEnumerable<Parameter> TrainableParameters() => [scale];
    }
}

/// <summary>Exact tensor comparison for tests.</summary>
internal static class TensorComparison
{
    /// <summary>Same shape and bitwise-equal values (NaN never equals).</summary>
    public static bool IsIdenticalTo(this Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.allclose(b, rtol: 0, atol: 0);
}
