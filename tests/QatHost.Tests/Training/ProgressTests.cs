using QatHost.Sdk.Training;
using static QatHost.Sdk.Training.Trainer;

namespace QatHost.Tests.Training;

/// <summary>Progress reaches a callback after every batch and epoch; cancellation stops after the current batch.</summary>
public sealed class ProgressTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-progress-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Every_batch_and_every_epoch_end_is_reported_in_order()
    {
        using var data = TrainerTests.TinyTask(samples: 12);
        var reports = new List<TrainingProgress>();

        Train(TrainerTests.TinyNetwork(), data, epochs: 2, batchSize: 5, progress: new Recorder(reports.Add));

        reports.Select(r => (r.Epoch, r.Batch, r.Completed is not null)).ShouldBe(
            [(1, 1, false), (1, 2, false), (1, 3, false), (1, 3, true), (2, 1, false), (2, 2, false), (2, 3, false), (2, 3, true)]);
        reports.ShouldAllBe(r => r.Epochs == 2 && r.Batches == 3);
        reports[^1].Remaining.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Line_progress_writes_one_line_per_epoch_with_loss_accuracy_and_eta()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        var text = new StringWriter();
        var test = TrainerTests.TinyTask(samples: 4, seed: 9);

        Train(TrainerTests.TinyNetwork(), data, epochs: 2, batchSize: 4, test: test, progress: new LineProgress(text));

        var lines = text.ToString().TrimEnd().Split(Environment.NewLine);
        lines.Length.ShouldBe(2);
        lines[0].ShouldMatch(@"^epoch 1/2  loss \d+\.\d{4}  accuracy \d+\.\d %  test \d+\.\d %  \d+\.\d s  ETA \d+:\d\d$");
    }

    [Fact]
    public void The_host_defaults_reach_a_train_call_that_passes_none()
    {
        using var data = TrainerTests.TinyTask(samples: 4);
        var reports = new List<TrainingProgress>();

        using (TrainingHost.Use(new Recorder(reports.Add)))
            Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 4);
        Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 4);

        reports.Count.ShouldBe(2);
    }

    [Fact]
    public void Cancelling_stops_after_the_current_batch_and_keeps_the_last_checkpoint()
    {
        using var data = TrainerTests.TinyTask(samples: 12);
        string path = Path.Combine(folder, "run.ckpt");
        using var cancel = new CancellationTokenSource();
        var reports = new List<TrainingProgress>();
        var progress = new Recorder(p =>
        {
            reports.Add(p);
            if (p is { Epoch: 2, Batch: 1 }) cancel.Cancel();
        });

        var error = Should.Throw<OperationCanceledException>(() => Train(TrainerTests.TinyNetwork(), data, epochs: 3, batchSize: 4,
            families: ["weights"], checkpoint: path, progress: progress, cancellation: cancel.Token));

        error.Message.ShouldBe($"training stopped by request after epoch 2, batch 1 of 3; {path} holds epoch 1.");
        reports[^1].ShouldSatisfyAllConditions(r => r.Epoch.ShouldBe(2), r => r.Batch.ShouldBe(1));
        var resumed = Train(TrainerTests.TinyNetwork(), data, epochs: 3, batchSize: 4, families: ["weights"], checkpoint: path, resume: true);
        resumed.ResumedAfter.ShouldBe(1);
        resumed.History.Count.ShouldBe(3);
    }

    internal sealed class Recorder(Action<TrainingProgress> record) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => record(value);
    }
}
