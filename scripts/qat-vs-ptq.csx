// scripts/qat-vs-ptq.csx: does quantisation-aware training pay off? The same small network on the same
// built-in task, trained three ways with a fixed seed, then tested at 8, 4, 3 and 2 bits of weights:
//   float  trained and tested without quantisation
//   PTQ    the float network, weights rounded deterministically afterwards (burn-in)
//   QAT    the network after 10 float epochs, trained 10 more epochs with stochastic rounding of its weights,
//          then burned in with deterministic rounding to the same levels (the float network gets the same
//          10 more epochs without rounding, so all three trained equally long)
// Needs the Transforms plugin (Rounding.*). Runs in about a minute on two cores.

// Tiny tensors: one intra-op thread is several times faster than two contending ones.
torch.set_num_threads(1);

var data = Tasks.FrozenNoise(classes: 4, channels: 16, steps: 50, samples: 480, rate: 50, difficulty: 0.7, seed: 1);
var (train, test) = data.Split(testFraction: 0.25, seed: 1);
Print(train);

Sequential Network()
{
    torch.manual_seed(1);
    return Sequential(
        LinearTorch(16, 24),
        LIFTorch(24, tauMem: 20e-3, tauSyn: 10e-3),
        LinearTorch(24, 4));                // linear readout: the class is the channel with the highest peak
}

// Only the weights train, because this experiment is about quantising weights (every family could train:
// Train keeps time constants and thresholds in their valid ranges).
var net = Network();
var run = Train(net, train, epochs: 10, optimizer: Adam(lr: 1e-2), loss: Loss.MaxOverTime, test: test,
    families: ["weights"], seed: 1);
Print(run.Summary());
// QAT fine-tunes this 10-epoch network for 10 more epochs; the float network (and so PTQ) gets the same
// 10 more epochs without quantisation, so all three have trained equally long.
var pretrained = net.Copy();
Train(net, train, epochs: 10, optimizer: Adam(lr: 1e-2), loss: Loss.MaxOverTime, families: ["weights"], seed: 2);
double floatAccuracy = Evaluate(net, test, loss: Loss.MaxOverTime).Accuracy;

var rows = new List<string> { "bits   float     PTQ     QAT" };
foreach (int bits in new[] { 8, 4, 3, 2 })
{
    var ptq = net.Copy();
    ptq.Param("weights").Apply(Rounding.Deterministic(levels: 1 << bits));
    ptq.BurnIn();
    ptq.RemoveTransforms();

    var qat = pretrained.Copy();
    qat.Param("weights").Apply(Rounding.Stochastic(levels: 1 << bits));
    Train(qat, train, epochs: 10, optimizer: Adam(lr: 1e-2), loss: Loss.MaxOverTime, families: ["weights"], seed: 1);
    qat.RemoveTransforms();
    qat.Param("weights").Apply(Rounding.Deterministic(levels: 1 << bits));
    qat.BurnIn();
    qat.RemoveTransforms();

    double Accuracy(Module m) => Evaluate(m, test, loss: Loss.MaxOverTime).Accuracy * 100;
    rows.Add($"{bits,4} {floatAccuracy * 100,6:F1} % {Accuracy(ptq),5:F1} % {Accuracy(qat),5:F1} %");
}
Print(string.Join("\n", rows));
