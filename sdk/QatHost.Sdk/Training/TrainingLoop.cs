using System.Diagnostics;
using QatHost.Sdk.Data;
using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>One call of <see cref="Trainer.Train"/>: the epoch and batch loops, checkpoints and resume.</summary>
internal sealed class TrainingLoop(Module net, Dataset data, TrainingLoop.Settings settings)
{
    internal sealed record Settings(int Epochs, OptimizerSpec Optimizer, Loss Loss, int BatchSize, long Seed, Dataset? Test,
        string? Checkpoint, bool Resume, string[]? Families, IProgress<TrainingProgress>? Progress, CancellationToken Cancellation,
        bool Constrain = true);

    private readonly NamedParameters parameters = NamedParameters.Of(net);
    private readonly Stopwatch clock = new();
    private long step;
    private int batchesDone;
    private ParameterSnapshot? lastFinite;
    private ParameterConstraints? constraints;

    public TrainingRun Run()
    {
        bool wasTraining = net.Training;
        using var unaligned = RandomStreamAlignment.Off();   // no unused noise draws while training (LIFTorch.AlignRandomStream)
        NativeHeap.KeepFreedMemory();                        // reuse freed trace buffers instead of faulting in new pages
        var trained = parameters.Trained(settings.Families).ToList();
        constraints = settings.Constrain ? ParameterConstraints.For(net, trained) : null;
        using var optimizer = settings.Constrain ? ParameterConstraints.CreateOptimizer(net, settings.Optimizer, trained)
            : settings.Optimizer.Create(trained);
        using var snapshot = lastFinite = new ParameterSnapshot(trained);
        var run = ResumeOrStart(optimizer);
        net.SetTrainingStep(step);
        clock.Start();
        try
        {
            int first = run.History.Count + 1;
            for (int epoch = first; epoch <= settings.Epochs; epoch++)
            {
                var result = TrainEpoch(epoch, first, optimizer);
                run.Add(result);
                if (settings.Checkpoint is { } path)
                    Checkpoint.Write(path, parameters, optimizer, new TrainingState(epoch, step, settings.Seed,
                        settings.Optimizer.Description, settings.Loss.Name, settings.BatchSize, run.History.Select(EpochRecord.From).ToList()));
                settings.Progress?.Report(new TrainingProgress(epoch, settings.Epochs, Batches, Batches, result.Loss,
                    result.Accuracy, clock.Elapsed, Remaining(first), result));
            }
            return run;
        }
        finally
        {
            net.SetTraining(wasTraining);
        }
    }

    private int Batches => data.BatchCount(settings.BatchSize);

    private EpochResult TrainEpoch(int epoch, int firstEpoch, optim.Optimizer optimizer)
    {
        var started = clock.Elapsed;
        long epochSeed = unchecked(settings.Seed * 1_000_003 + epoch);
        manual_seed(epochSeed);
        net.SetTraining(true);
        double lossSum = 0, correct = 0;
        long seen = 0;
        foreach (var batch in data.Batches(settings.BatchSize, shuffleSeed: epochSeed))
        {
            using var scope = NewDisposeScope();
            net.ResetState();
            var output = Forward(batch, epoch);
            var loss = settings.Loss.Compute(output, batch.Targets);
            double value = loss.item<float>();
            if (!double.IsFinite(value)) throw Stopped(epoch, batch, $"the loss is {value}", gradients: false);
            optimizer.zero_grad();
            loss.backward();
            lastFinite!.Capture();
            optimizer.step();
            constraints?.Apply();
            step++;
            net.SetTrainingStep(step);
            if (parameters.FirstNonFinite() is { } bad)
                throw StoppedAfterStep(bad, epoch, batch);

            lossSum += value * batch.Size;
            seen += batch.Size;
            if (settings.Loss.Predict(output.detach()) is { } predicted) correct += predicted.eq(batch.Targets).sum().item<long>();
            batchesDone++;
            double accuracy = settings.Loss.UsesLabels ? correct / seen : double.NaN;
            settings.Progress?.Report(new TrainingProgress(epoch, settings.Epochs, batch.Index + 1, batch.Of, lossSum / seen,
                accuracy, clock.Elapsed, Remaining(firstEpoch)));
            if (settings.Cancellation.IsCancellationRequested)
                throw new OperationCanceledException(
                    $"training stopped by request after epoch {epoch}, batch {batch.Index + 1} of {batch.Of}; " +
                    (settings.Checkpoint is null ? "no checkpoint was asked for."
                        : epoch > firstEpoch || firstEpoch > 1 ? $"{settings.Checkpoint} holds epoch {epoch - 1}."
                        : $"no epoch finished, so {settings.Checkpoint} was not written."),
                    settings.Cancellation);
        }
        var testResult = settings.Test is { } test ? Trainer.Evaluate(net, test, settings.Loss) : null;
        return new EpochResult(epoch, lossSum / seen, settings.Loss.UsesLabels ? correct / seen : double.NaN,
            testResult?.Loss, testResult?.Accuracy, clock.Elapsed - started);
    }

    private Tensor Forward(Batch batch, int epoch)
    {
        try
        {
            return net.Evolve(batch.Inputs).Output;
        }
        catch (QatHostException e) when (e is not TrainingStoppedException)
        {
            throw Stopped(epoch, batch, e.Message, gradients: false, e);
        }
    }

    private TrainingStoppedException Stopped(int epoch, Batch batch, string problem, bool gradients, Exception? inner = null)
    {
        var bad = parameters.FirstNonFinite(gradients);
        string detail = bad is null
            ? "; every parameter is still finite and unchanged by this batch"
            : $"; first non-finite parameter: {bad.Describe()}";
        return new TrainingStoppedException(epoch, batch.Index + 1, batch.Of,
            problem.TrimEnd('.') + detail + "." + CheckpointNote(epoch), bad?.Key, inner);
    }

    /// <summary>A step made a parameter non-finite: undoes it, so the network keeps its last finite values.</summary>
    private TrainingStoppedException StoppedAfterStep(NamedParameters.Entry bad, int epoch, Batch batch)
    {
        lastFinite!.Restore();
        return new TrainingStoppedException(epoch, batch.Index + 1, batch.Of,
            $"parameter {bad.Describe()} became NaN or infinite after the optimizer step ({settings.Optimizer}); lower the " +
            "learning rate. The step was undone: the network keeps its last finite parameters, from before this batch." +
            CheckpointNote(epoch), bad.Key);
    }

    private string CheckpointNote(int epoch) => settings.Checkpoint is { } path && epoch > 1 && File.Exists(path)
        ? $" {path} still holds epoch {epoch - 1}." : "";

    private TimeSpan Remaining(int firstEpoch)
    {
        if (batchesDone == 0) return TimeSpan.Zero;
        long total = (long)(settings.Epochs - firstEpoch + 1) * Batches;
        return clock.Elapsed / batchesDone * Math.Max(0, total - batchesDone);
    }

    private TrainingRun ResumeOrStart(optim.Optimizer optimizer)
    {
        var s = settings;
        if (!s.Resume || s.Checkpoint is not { } path || !File.Exists(path))
            return new TrainingRun([], s.Optimizer.Description, s.Loss.Name, s.Seed, null);
        using var scope = NewDisposeScope();
        var saved = Checkpoint.Read(path);
        var state = saved.Training
            ?? throw new QatHostException($"{path}: the checkpoint holds no training state (it was written by Checkpoint.Save); resume needs one written by Train.");
        string kind = state.Optimizer.Split('(')[0];
        if (kind != s.Optimizer.Kind || saved.Optimizer is null)
            throw new QatHostException($"{path}: the checkpoint was trained with {state.Optimizer}; this run uses {s.Optimizer}. Use the same optimizer to resume.");
        if (state.Seed != s.Seed || state.BatchSize != s.BatchSize)
            throw new QatHostException(
                $"{path}: the checkpoint was trained with seed {state.Seed} and batchSize {state.BatchSize}; this run has seed {s.Seed} " +
                $"and batchSize {s.BatchSize}. Resume with the same values, or delete the checkpoint to start afresh.");
        if (state.Epoch > s.Epochs)
            throw new QatHostException($"{path}: the checkpoint already holds epoch {state.Epoch}, past epochs: {s.Epochs}.");
        Checkpoint.Restore(parameters, saved, path);
        var helper = (TorchSharp.Modules.OptimizerHelper)optimizer;
        using (var reader = new BinaryReader(new MemoryStream(saved.Optimizer)))
            helper.load_state_dict(reader);
        if (saved.Rng is { } rng) set_rng_state(rng);
        step = state.Step;
        return new TrainingRun(state.History.Select(h => h.ToResult()), s.Optimizer.Description, s.Loss.Name, s.Seed, state.Epoch);
    }
}
