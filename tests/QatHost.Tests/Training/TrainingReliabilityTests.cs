using System.IO.Compression;
using QatHost.Sdk;
using QatHost.Sdk.Data;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Training;
using static QatHost.Sdk.Dsl.Builders;
using static QatHost.Sdk.Training.Trainer;
using static TorchSharp.torch;

namespace QatHost.Tests.Training;

/// <summary>Issue 12: no silent wrong answers and no lost work in training, evaluation and checkpoints.</summary>
[Collection(nameof(SerialCollection))]
public sealed class TrainingReliabilityTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-reliability-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Sequential Readout(long seed = 4)
    {
        manual_seed(seed);
        return Sequential(LinearTorch(8, 16), LIFTorch(16), LinearTorch(16, 2));
    }

    // 12.1
    [Fact]
    public void Evaluate_without_a_loss_uses_the_loss_the_network_was_trained_with_and_copies_keep_it()
    {
        using var data = TrainerTests.TinyTask();
        var net = Readout();
        Train(net, data, epochs: 3, optimizer: Adam(lr: 1e-2), loss: Loss.MaxOverTime, batchSize: 16);

        var implicitLoss = Evaluate(net, data);

        net.TrainedWith.ShouldBe(Loss.MaxOverTime);
        implicitLoss.ShouldBe(Evaluate(net, data, loss: Loss.MaxOverTime));
        implicitLoss.ShouldNotBe(Evaluate(net, data, loss: Loss.SpikeCount));
        Evaluate(net.Copy(), data).ShouldBe(implicitLoss);
    }

    [Fact]
    public void Evaluate_on_labels_refuses_to_guess_the_loss_of_a_network_train_has_not_seen()
    {
        using var data = TrainerTests.TinyTask(samples: 8);

        var error = Should.Throw<QatHostException>(() => Evaluate(Readout(), data));

        error.Message.ShouldBe(
            "Evaluate: TorchSequential was not trained by Train in this run, so the loss it was trained with is unknown; pass it: " +
            "Evaluate(net, data, loss: Loss.SpikeCount) for spiking outputs, or loss: Loss.MaxOverTime for a linear or membrane " +
            "readout (the two choose classes differently).");
    }

    // 12.3
    [Fact]
    public void A_step_that_makes_a_parameter_non_finite_is_undone_and_the_network_stays_usable()
    {
        using var data = TrainerTests.TinyTask(samples: 16);
        var net = TrainerTests.TinyNetwork();
        Train(net, data, epochs: 1, optimizer: Adam(lr: 1e-3), batchSize: 8);
        var before = net.TrainableParameters().Select(p => p.detach().clone()).ToList();

        var error = Should.Throw<TrainingStoppedException>(() =>
            Train(net, data, epochs: 1, optimizer: Sgd(lr: 1e38), batchSize: 8, families: ["weights"]));

        error.Message.ShouldEndWith(
            "became NaN or infinite after the optimizer step (Sgd(lr: 1E+38)); lower the learning rate. The step was undone: " +
            "the network keeps its last finite parameters, from before this batch.");
        net.TrainableParameters().Zip(before).ShouldAllBe(p => p.First.IsIdenticalTo(p.Second));
        Should.NotThrow(() => Train(net, data, epochs: 1, optimizer: Adam(lr: 1e-3), batchSize: 8));
        double.IsFinite(Evaluate(net, data).Loss).ShouldBeTrue();
    }

    [Fact]
    public void A_forward_pass_that_fails_says_so_in_one_sentence_without_doubled_punctuation()
    {
        using var data = Dataset.FromTensors(ones(4, 5, 8), tensor(new long[] { 0, 1, 0, 1 }), source: "toy");
        var net = TrainerTests.TinyNetwork();
        using (no_grad()) ((LIFTorch)net[1]).FindAttribute("bias").Tensor.fill_(float.NaN);

        var error = Should.Throw<TrainingStoppedException>(() => Train(net, data, epochs: 1, batchSize: 4, constrain: false));

        error.Message.ShouldNotContain(".;");
        error.Message.ShouldContain("the membrane potential became NaN.");
        error.Message.ShouldEndWith("; first non-finite parameter: \"1_LIFTorch/bias\" (family \"bias\").");
    }

    // 12.4 (checkpoints; Module.Load is in Engine/FileReliabilityTests)
    [Fact]
    public void Loading_a_checkpoint_with_a_value_the_constructor_refuses_names_the_file_the_tensor_and_the_value()
    {
        var bad = TrainerTests.TinyNetwork();
        ((LIFTorch)bad[1]).SetParameter("tau_mem", tensor(-0.02f));
        string path = Path.Combine(folder, "bad.ckpt");
        Checkpoint.Save(bad, path);
        var net = TrainerTests.TinyNetwork();
        var before = net.TrainableParameters().Select(p => p.detach().clone()).ToList();

        var error = Should.Throw<QatHostException>(() => Checkpoint.Load(net, path));

        error.Message.ShouldBe(
            $"{path}: \"1_LIFTorch/tau_mem\" is -0.02 in the checkpoint, " +
            "but tau_mem must be positive and finite (seconds). Nothing was loaded. Delete the file, or pass resume: false to start afresh.");
        net.TrainableParameters().Zip(before).ShouldAllBe(p => p.First.IsIdenticalTo(p.Second));
    }

    [Fact]
    public void Resuming_from_a_checkpoint_holding_infinity_or_a_zero_threshold_is_refused()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        string path = Path.Combine(folder, "run.ckpt");
        Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 8, checkpoint: path);
        var poisoned = TrainerTests.TinyNetwork();
        ((LIFTorch)poisoned[3]).SetParameter("threshold", zeros(2));
        ((LinearTorch)poisoned[0]).SetParameter("weight", full(8, 16, float.PositiveInfinity));
        ReplaceTensors(path, poisoned);

        var error = Should.Throw<QatHostException>(() =>
            Train(TrainerTests.TinyNetwork(), data, epochs: 2, batchSize: 8, checkpoint: path, resume: true));

        error.Message.ShouldStartWith($"{path}: \"0_LinearTorch/weight\" is [Infinity, Infinity, Infinity, Infinity, Infinity, Infinity, Infinity, Infinity, ...] in the checkpoint, but weight must be finite.");
    }

    // 12.5
    [Fact]
    public void A_checkpoint_entry_whose_crc_does_not_match_is_refused_with_how_to_recover()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        string path = Path.Combine(folder, "run.ckpt");
        Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 8, checkpoint: path);
        CorruptCrc(path, "tensors.bin");

        var error = Should.Throw<QatHostException>(() =>
            Train(TrainerTests.TinyNetwork(), data, epochs: 2, batchSize: 8, checkpoint: path, resume: true));

        error.Message.ShouldBe(
            $"{path}: the checkpoint is damaged or not a checkpoint: entry tensors.bin fails its CRC check (the file was corrupted " +
            "after it was written). Delete the file, or pass resume: false to start afresh.");
    }

    [Fact]
    public void A_checkpoint_with_corrupted_compressed_bytes_is_refused_with_how_to_recover()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        string path = Path.Combine(folder, "run.ckpt");
        Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 8, checkpoint: path);
        var (offset, length) = EntryData(File.ReadAllBytes(path), "tensors.bin");
        var bytes = File.ReadAllBytes(path);
        for (int i = 0; i < 8; i++) bytes[offset + length / 2 + i] ^= 0x5A;
        File.WriteAllBytes(path, bytes);

        var error = Should.Throw<QatHostException>(() =>
            Train(TrainerTests.TinyNetwork(), data, epochs: 2, batchSize: 8, checkpoint: path, resume: true));

        error.Message.ShouldStartWith($"{path}: the checkpoint is damaged or not a checkpoint: ");
        error.Message.ShouldEndWith(". Delete the file, or pass resume: false to start afresh.");
    }

    // 12.12
    [Fact]
    public void A_checkpoint_path_that_is_a_folder_is_refused_before_any_training()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        var reports = new List<TrainingProgress>();

        var error = Should.Throw<QatHostException>(() =>
            Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 8, checkpoint: folder, progress: new Recorder(reports.Add)));

        error.Message.ShouldBe($"Train: checkpoint path {folder} is a folder; give a file name, e.g. {Path.Combine(folder, "run.ckpt")}.");
        reports.ShouldBeEmpty();
    }

    [Fact]
    public void A_checkpoint_in_a_missing_folder_is_refused_before_any_training()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        string path = Path.Combine(folder, "out", "run.ckpt");
        var reports = new List<TrainingProgress>();

        var error = Should.Throw<QatHostException>(() =>
            Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 8, checkpoint: path, progress: new Recorder(reports.Add)));

        error.Message.ShouldBe(
            $"Train: the folder of checkpoint {path} does not exist; create it first (Directory.CreateDirectory(\"{Path.Combine(folder, "out")}\")).");
        reports.ShouldBeEmpty();
    }

    [Fact]
    public void A_checkpoint_in_a_folder_without_write_permission_is_refused_before_any_training()
    {
        if (Environment.UserName == "root") return; // root writes anywhere: nothing to refuse
        using var data = TrainerTests.TinyTask(samples: 8);
        string locked = Directory.CreateDirectory(Path.Combine(folder, "locked")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var error = Should.Throw<QatHostException>(() =>
                Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 8, checkpoint: Path.Combine(locked, "run.ckpt")));

            error.Message.ShouldStartWith($"Train: checkpoint {Path.Combine(locked, "run.ckpt")} cannot be written (");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    // 12.24
    [Fact]
    public void Summary_columns_stay_aligned_when_the_loss_is_ten_thousand_or_more()
    {
        manual_seed(1);
        using var data = Dataset.FromTensors(ones(8, 5, 2), full(8, 5, 1, 1000f), source: "big");
        var net = Sequential(LinearTorch(2, 1));

        var run = Train(net, data, epochs: 2, optimizer: Sgd(lr: 1e-9), batchSize: 8, test: data);

        var lines = run.Summary().Split('\n');
        run.Last.Loss.ShouldBeGreaterThan(1e4);
        lines[1].ShouldBe("epoch      loss test loss     time");
        lines.Skip(2).ShouldAllBe(l => l.Length == lines[1].Length);
        lines[2].ShouldMatch(@"^    1 \d\.\d{3}E\+0\d \d\.\d{3}E\+0\d +\d+\.\d s$");
    }

    [Fact]
    public void A_label_names_the_progress_lines_and_the_summary_of_its_train_call()
    {
        using var data = TrainerTests.TinyTask(samples: 8);
        var text = new StringWriter();

        var run = Train(TrainerTests.TinyNetwork(), data, epochs: 1, batchSize: 8, label: "QAT 4 bits", progress: new LineProgress(text));

        text.ToString().ShouldStartWith("QAT 4 bits: epoch 1/1  loss ");
        run.Label.ShouldBe("QAT 4 bits");
        run.Summary().ShouldStartWith("QAT 4 bits: Adam(lr: 0.001), Loss.SpikeCount, seed ");
    }

    /// <summary>Replaces a checkpoint's tensors with <paramref name="net"/>'s (same structure), keeping its training state.</summary>
    private void ReplaceTensors(string path, Module net)
    {
        string donor = Path.Combine(folder, "donor.ckpt");
        Checkpoint.Save(net, donor);
        byte[] tensors;
        using (var zip = ZipFile.OpenRead(donor))
        using (var stream = zip.GetEntry("tensors.bin")!.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            tensors = buffer.ToArray();
        }
        using var target = ZipFile.Open(path, ZipArchiveMode.Update);
        target.GetEntry("tensors.bin")!.Delete();
        using var write = target.CreateEntry("tensors.bin").Open();
        write.Write(tensors);
    }

    /// <summary>The offset and length of an entry's compressed bytes, from its local header.</summary>
    private static (int Offset, int Length) EntryData(byte[] zip, string name)
    {
        for (int i = 0; i + 30 < zip.Length; i++)
        {
            if (BitConverter.ToUInt32(zip, i) != 0x04034b50) continue;
            int nameLength = BitConverter.ToUInt16(zip, i + 26), extra = BitConverter.ToUInt16(zip, i + 28);
            if (System.Text.Encoding.ASCII.GetString(zip, i + 30, nameLength) != name) continue;
            return (i + 30 + nameLength + extra, (int)BitConverter.ToUInt32(zip, i + 18));
        }
        throw new InvalidOperationException($"no entry {name}");
    }

    /// <summary>Changes the CRC-32 recorded for an entry (local and central headers), leaving its data intact.</summary>
    private static void CorruptCrc(string path, string name)
    {
        var zip = File.ReadAllBytes(path);
        for (int i = 0; i + 46 < zip.Length; i++)
        {
            uint signature = BitConverter.ToUInt32(zip, i);
            (int nameAt, int crcAt) = signature switch
            {
                0x04034b50 => (30, 14),
                0x02014b50 => (46, 16),
                _ => (0, 0),
            };
            if (nameAt == 0) continue;
            int nameLength = BitConverter.ToUInt16(zip, i + (signature == 0x04034b50 ? 26 : 28));
            if (i + nameAt + nameLength > zip.Length || System.Text.Encoding.ASCII.GetString(zip, i + nameAt, nameLength) != name) continue;
            zip[i + crcAt] ^= 0xFF;
        }
        File.WriteAllBytes(path, zip);
    }

    private sealed class Recorder(Action<TrainingProgress> record) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => record(value);
    }
}
