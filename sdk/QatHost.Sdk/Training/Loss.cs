using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>
/// A training loss over a network's output <c>(B, T, Nout)</c>. Classification losses also say which class
/// the network chose, for accuracy. Pass one to <c>Train(..., loss: Loss.SpikeCount)</c>.
/// </summary>
public abstract class Loss
{
    private protected Loss(string name) => Name = name;

    /// <summary>Cross-entropy on the spike counts: the logits are the output summed over time. The default for
    /// spiking outputs; the predicted class is the neuron that fired most.</summary>
    public static Loss SpikeCount { get; } = new CrossEntropy("Loss.SpikeCount", output => output.sum(1));

    /// <summary>Cross-entropy on the largest value of each output channel over time; suits non-spiking
    /// outputs such as a membrane potential or a linear readout.</summary>
    public static Loss MaxOverTime { get; } = new CrossEntropy("Loss.MaxOverTime", output => output.amax(1));

    /// <summary>Mean squared error between the output and a target trace <c>(B, T, Nout)</c>. No accuracy.</summary>
    public static Loss TargetTrace { get; } = new TraceMse();

    /// <summary>How the loss prints, e.g. <c>Loss.SpikeCount</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the loss expects class labels (else target traces).</summary>
    public abstract bool UsesLabels { get; }

    /// <summary>The mean loss over the batch, a scalar that can be differentiated.</summary>
    /// <param name="output">The network output <c>(B, T, Nout)</c>.</param>
    /// <param name="targets">Labels <c>(B,)</c> or traces <c>(B, T, Nout)</c>.</param>
    public abstract Tensor Compute(Tensor output, Tensor targets);

    /// <summary>The class chosen for each sample <c>(B,)</c>, or null for losses without classes.</summary>
    public abstract Tensor? Predict(Tensor output);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class CrossEntropy(string name, Func<Tensor, Tensor> logits) : Loss(name)
    {
        public override bool UsesLabels => true;

        public override Tensor Compute(Tensor output, Tensor targets) =>
            nn.functional.cross_entropy(logits(output), targets);

        public override Tensor? Predict(Tensor output) => logits(output).argmax(1);
    }

    private sealed class TraceMse() : Loss("Loss.TargetTrace")
    {
        public override bool UsesLabels => false;

        public override Tensor Compute(Tensor output, Tensor targets)
        {
            if (!Shapes.Equal(output.shape, targets.shape))
                throw new QatHostException(
                    $"{Name}: the network output has shape {Shapes.Format(output.shape)} but the target traces have shape {Shapes.Format(targets.shape)}.");
            return nn.functional.mse_loss(output, targets);
        }

        public override Tensor? Predict(Tensor output) => null;
    }
}
