// Trains a tiny network up to epoch Args[1] with a checkpoint at Args[0] (resumed when it exists), so the
// signal tests can stop it part way and then resume from what it kept.
torch.set_num_threads(1);
var data = Tasks.FrozenNoise(classes: 2, channels: 4, steps: 20, samples: 32, seed: 1);
var net = Sequential(LinearTorch(4, 8), LIFTorch(8), LinearTorch(8, 2));
var run = Train(net, data, epochs: int.Parse(Args[1]), batchSize: 4, loss: Loss.MaxOverTime, families: ["weights"],
    checkpoint: Args[0], resume: true);
Print($"resumed after epoch {run.ResumedAfter?.ToString() ?? "none"}, trained to epoch {run.Last.Epoch}");
