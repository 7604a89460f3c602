using System.Globalization;
using QatHost.Sdk.Data;
using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>
/// Training and evaluation as scripts call them, unqualified (<c>using static</c>):
/// <code>
/// var run = Train(net, train, epochs: 20, optimizer: Adam(lr: 1e-3), test: test, seed: 1);
/// Print(run.Summary());
/// Print(Evaluate(net, test));
/// </code>
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="net"/> on <paramref name="data"/>: per batch, resets the network state, evolves,
    /// computes the loss, back-propagates (through surrogate spikes and straight-through transforms) and
    /// steps the optimizer over <see cref="Module.TrainableParameters"/>, then advances
    /// <see cref="Module.SetTrainingStep"/>. Each epoch reshuffles with a seed derived from
    /// <paramref name="seed"/> and the epoch and reseeds torch's generator the same way, so a run repeats exactly
    /// and a resumed run matches an uninterrupted one.
    /// </summary>
    /// <param name="net">The network; trained in place, in training mode (its previous mode is restored after).</param>
    /// <param name="data">Training samples; channels must match the network's input width.</param>
    /// <param name="epochs">The last epoch to train (a resumed run trains the epochs after its checkpoint up to this).</param>
    /// <param name="optimizer"><see cref="Adam"/> (default <c>Adam(lr: 1e-3)</c>) or <see cref="Sgd"/>.</param>
    /// <param name="loss">Default <see cref="Loss.SpikeCount"/> for labels, <see cref="Loss.TargetTrace"/> for traces.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="seed">Seed of shuffling and of torch's generator (stochastic transforms, noise) during training.
    /// Default: the run's <c>--seed</c> (<see cref="Hosting.RandomSource.Seed"/>), else 0. It does not cover the network's
    /// initial values, drawn when the network was built: <c>--seed</c> covers those.</param>
    /// <param name="test">Evaluated after every epoch when given, for test loss and accuracy in the history.</param>
    /// <param name="checkpoint">A <c>.ckpt</c> file written (atomically) after every epoch.</param>
    /// <param name="families">Train only parameters of these families (e.g. <c>["weights"]</c>) and the trainable
    /// state of transforms; the others keep their values. Default: everything in <see cref="Module.TrainableParameters"/>.</param>
    /// <param name="resume">Continue from <paramref name="checkpoint"/> if it exists (else start afresh).</param>
    /// <param name="progress">Receives a report after every batch and epoch; default <see cref="TrainingHost.Progress"/>.</param>
    /// <param name="cancellation">Stops after the current batch, keeping the last checkpoint, by throwing
    /// <see cref="OperationCanceledException"/>; default <see cref="TrainingHost.Cancellation"/>.</param>
    /// <param name="label">A name for this call's progress lines and summary (e.g. <c>"float"</c>, <c>"QAT 4 bits"</c>),
    /// to tell repeated <c>Train</c> calls apart.</param>
    /// <param name="constrain">Keep every trained parameter with a valid range inside it after each optimizer step
    /// (time constants at least dt / 10, decays in [0, 1], bit shifts at least 0, thresholds at least 1e-3);
    /// <c>false</c> trains unconstrained, as Rockpool does.</param>
    /// <exception cref="QatHostException">Data and network do not fit, a checkpoint does not fit, or the checkpoint
    /// path cannot be written.</exception>
    /// <exception cref="TrainingStoppedException">The loss or a parameter became NaN or infinite.</exception>
    public static TrainingRun Train(Module net, Dataset data, int epochs = 10, OptimizerSpec? optimizer = null,
        Loss? loss = null, int batchSize = 32, long? seed = null, Dataset? test = null, string? checkpoint = null,
        bool resume = false, string[]? families = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default,
        string? label = null, bool constrain = true)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(data);
        if (epochs < 1) throw new QatHostException($"Train: epochs = {epochs} must be at least 1.");
        if (batchSize < 1) throw new QatHostException($"Train: batchSize = {batchSize} must be at least 1.");
        if (resume && checkpoint is null) throw new QatHostException("Train: resume: true needs a checkpoint path (checkpoint: \"out/run.ckpt\").");
        loss ??= data.HasLabels ? Loss.SpikeCount : Loss.TargetTrace;
        DataChecks.Fit(net, data, loss);
        if (test is not null) DataChecks.Fit(net, test, loss);
        if (families is not null)
            foreach (string family in families.Where(f => !net.ParameterFamilies().Contains(f)))
                throw new QatHostException(
                    $"Train: the network has no parameter family \"{family}\"; it has {string.Join(", ", net.ParameterFamilies())}.");
        if (checkpoint is not null) Checkpoint.CheckWritable(checkpoint);
        net.TrainedWith = loss;
        var reporter = progress ?? TrainingHost.Progress;
        if (label is not null && reporter is not null) reporter = new LabelledProgress(reporter, label);
        var settings = new TrainingLoop.Settings(epochs, optimizer ?? Adam(1e-3), loss, batchSize, seed ?? Hosting.RandomSource.Seed ?? 0,
            test, checkpoint, resume, families, reporter, cancellation.CanBeCanceled ? cancellation : TrainingHost.Cancellation, constrain);
        var run = new TrainingLoop(net, data, settings).Run();
        run.Label = label;
        return run;
    }

    /// <summary>Evaluates <paramref name="net"/> on <paramref name="data"/> in evaluation mode without
    /// gradients, resetting the state per batch; the network's mode is restored after.</summary>
    /// <param name="net">The network.</param>
    /// <param name="data">The samples.</param>
    /// <param name="loss">Default: the loss the network was last trained with (<see cref="Module.TrainedWith"/>); for a
    /// network <c>Train</c> has not seen, <see cref="Loss.TargetTrace"/> for traces, and for labels an error asking
    /// for one (<see cref="Loss.SpikeCount"/> and <see cref="Loss.MaxOverTime"/> pick classes differently).</param>
    /// <param name="batchSize">Samples per batch (affects speed only).</param>
    public static Evaluation Evaluate(Module net, Dataset data, Loss? loss = null, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(data);
        loss ??= net.TrainedWith ?? (data.HasLabels
            ? throw new QatHostException(
                $"Evaluate: {net.Path} was not trained by Train in this run, so the loss it was trained with is unknown; " +
                "pass it: Evaluate(net, data, loss: Loss.SpikeCount) for spiking outputs, or loss: Loss.MaxOverTime for a " +
                "linear or membrane readout (the two choose classes differently).")
            : Loss.TargetTrace);
        DataChecks.Fit(net, data, loss);
        bool wasTraining = net.Training;
        net.SetTraining(false);
        try
        {
            using var noGrad = no_grad();
            double lossSum = 0, correct = 0;
            foreach (var batch in data.Batches(batchSize))
            {
                using var scope = NewDisposeScope();
                net.ResetState();
                var output = net.Evolve(batch.Inputs).Output;
                lossSum += loss.Compute(output, batch.Targets).item<float>() * batch.Size;
                if (loss.Predict(output) is { } predicted) correct += predicted.eq(batch.Targets).sum().item<long>();
            }
            return new Evaluation(loss.UsesLabels ? correct / data.Count : double.NaN, lossSum / data.Count, data.Count);
        }
        finally
        {
            net.SetTraining(wasTraining);
        }
    }

    /// <summary>The Adam optimizer (torch defaults for what is not given).</summary>
    /// <param name="lr">Learning rate, e.g. <c>1e-3</c>.</param>
    /// <param name="beta1">Decay of the mean of gradients.</param>
    /// <param name="beta2">Decay of the mean of squared gradients.</param>
    /// <param name="weightDecay">L2 penalty.</param>
    public static OptimizerSpec Adam(double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double weightDecay = 0) =>
        new("Adam", lr, Describe("Adam", lr, ("beta1", beta1, 0.9), ("beta2", beta2, 0.999), ("weightDecay", weightDecay, 0)),
            groups => optim.Adam(groups.Select(g => new TorchSharp.Modules.Adam.ParamGroup(g.Parameters,
                new TorchSharp.Modules.Adam.Options { LearningRate = lr * g.Scale })), lr, beta1, beta2, weight_decay: weightDecay));

    /// <summary>Stochastic gradient descent, with optional momentum.</summary>
    /// <param name="lr">Learning rate.</param>
    /// <param name="momentum">Momentum factor, 0 for none.</param>
    /// <param name="weightDecay">L2 penalty.</param>
    public static OptimizerSpec Sgd(double lr = 0.01, double momentum = 0, double weightDecay = 0) =>
        new("Sgd", lr, Describe("Sgd", lr, ("momentum", momentum, 0), ("weightDecay", weightDecay, 0)),
            groups => optim.SGD(groups.Select(g => new TorchSharp.Modules.SGD.ParamGroup(g.Parameters,
                new TorchSharp.Modules.SGD.Options { LearningRate = lr * g.Scale * g.Scale })), lr, momentum, weight_decay: weightDecay));

    private static string Describe(string kind, double lr, params (string Name, double Value, double Default)[] extra) =>
        $"{kind}(lr: {lr.ToString(CultureInfo.InvariantCulture)}" +
        string.Concat(extra.Where(e => e.Value != e.Default).Select(e => $", {e.Name}: {e.Value.ToString(CultureInfo.InvariantCulture)}")) + ")";
}
