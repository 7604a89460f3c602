// scripts/qat-sweep.csx: the comparison of qat-vs-ptq.csx as a sweep, one trial per (bits, method, seed):
//
//   qathost sweep scripts/qat-sweep.csx --param bits=2,4 --param method=ptq,qat --param seed=1..3
//
// Each trial builds the small network of qat-vs-ptq.csx with its weights initialised from `seed`, trains it for
// 10 epochs in floating point, then 10 more epochs either
//   ptq  without quantisation, the weights rounded to 2^bits levels afterwards (burn-in), or
//   qat  with stochastic rounding of the weights to 2^bits levels in the forward pass, then burned in with
//        deterministic rounding to the same levels,
// and reports the test accuracy (%) of the quantised network. docs/sweeps.md shows the collected table.
// Needs the Transforms plugin (Rounding.*). About 20 s per trial on one core.

int bits = Param("bits", 4);
string method = Param("method", "qat");
int seed = Param("seed", 1);
if (method is not ("ptq" or "qat")) throw new QatHostException($"--param method={method}: expected ptq or qat.");

// The task is the same in every trial; only the network's initial weights and the batch order follow `seed`.
var data = Tasks.FrozenNoise(classes: 4, channels: 16, steps: 50, samples: 480, rate: 50, difficulty: 0.7, seed: 1);
var (train, test) = data.Split(testFraction: 0.25, seed: 1);

torch.manual_seed(seed);
var net = Sequential(
    LinearTorch(16, 24),
    LIFTorch(24, tauMem: 20e-3, tauSyn: 10e-3),
    LinearTorch(24, 4));
Train(net, train, epochs: 10, optimizer: Adam(lr: 1e-2), loss: Loss.MaxOverTime, families: ["weights"], seed: seed);

if (method == "qat") net.Param("weights").Apply(Rounding.Stochastic(levels: 1 << bits));
Train(net, train, epochs: 10, optimizer: Adam(lr: 1e-2), loss: Loss.MaxOverTime, families: ["weights"], seed: seed + 1000);
net.RemoveTransforms();

net.Param("weights").Apply(Rounding.Deterministic(levels: 1 << bits));
net.BurnIn();
net.RemoveTransforms();
Report("accuracy", Evaluate(net, test, loss: Loss.MaxOverTime).Accuracy * 100);
