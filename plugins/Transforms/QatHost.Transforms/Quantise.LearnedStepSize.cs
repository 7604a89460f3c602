using QatHost.Sdk;
using QatHost.Sdk.Transforms;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Transforms;

public static partial class Quantise
{
    private sealed class LearnedStepSizeQuantisation(string description, int bits, double? initialStep, bool signed)
        : Transform(description)
    {
        private readonly long negativeLevels = signed ? 1L << (bits - 1) : 0;
        private readonly long positiveLevels = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        private readonly Dictionary<string, Parameter> steps = [];

        public override IEnumerable<Parameter> TrainableParameters() => steps.Values.ToArray();

        public override Tensor Forward(Tensor value, TransformContext context)
        {
            Guard.FiniteInput(value, this, context);
            var step = StepFor(value, context);
            float current = step.item<float>();
            if (!(current > 0) || !float.IsFinite(current))
                throw new QatHostException($"{Description} on {Guard.Where(context)}: the learned step became " +
                    $"{CallText.Format(current)}; it must stay positive (lower the learning rate or set initialStep).");

            using var scope = NewDisposeScope();
            double g = 1.0 / Math.Sqrt(Math.Max(1, value.numel()) * (double)positiveLevels);
            // Value s, gradient g·ds (the paper's grad_scale).
            var scaled = step * g;
            var s = (step - scaled).detach() + scaled;
            var levels = (value / s).clamp(-negativeLevels, positiveLevels);
            return (StraightThrough.Round(levels) * s).MoveToOuterDisposeScope();
        }

        private Parameter StepFor(Tensor value, TransformContext context)
        {
            string key = $"{context.ModulePath}/{context.Target}";
            if (steps.TryGetValue(key, out var existing)) return existing;
            double initial = initialStep ?? InitialStep(value, context);
            var step = new Parameter(tensor((float)initial, device: value.device), requires_grad: true);
            step.DetachFromDisposeScope();
            steps[key] = step;
            return step;
        }

        /// <summary>The paper's initialisation, <c>2·mean|x|/sqrt(Qp)</c>.</summary>
        private double InitialStep(Tensor value, TransformContext context)
        {
            using var scope = NewDisposeScope();
            double initial = 2 * value.detach().abs().mean().item<float>() / Math.Sqrt(positiveLevels);
            return initial > 0 ? initial : throw new QatHostException(
                $"{Description} on {Guard.Where(context)}: cannot initialise the step from the data: every value is " +
                "zero (2·mean|x|/sqrt(Qp) = 0); pass initialStep.");
        }
    }
}
