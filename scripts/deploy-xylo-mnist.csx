// scripts/deploy-xylo-mnist.csx: MNIST digits 0-7 on a XyloAudio 2, trained the way the chip runs them.
// Each image row is one time step (28 steps), its 28 columns pooled into the chip's 16 input channels as event
// counts 0..MaxCount (Encoders.RowsAsTime); 8 output neurons, one per digit (class = the output with most spikes).
// The network is prepared for the chip before training (Xylo.PrepareForTraining: chip decays, spike caps 31/1,
// per-channel int8 weights and 16-bit thresholds fake-quantised, one-step hop delay), trained, mapped, quantised
// and simulated bit-exactly; it prints float, fake-quantised and chip accuracy on the test digits and exports
// the configuration.
//   qathost run scripts/deploy-xylo-mnist.csx              full: 6,400 training / 1,600 test digits
//   qathost run scripts/deploy-xylo-mnist.csx -- --quick   CI: 1,000 training digits, 2 epochs, 400 test digits
// Needs the Xylo plugin.

torch.set_num_threads(1);                                       // small tensors: one thread is fastest
bool quick = Args.Contains("--quick");
int epochs = quick ? 2 : Args.Contains("--epochs") ? int.Parse(Args[Args.ToList().IndexOf("--epochs") + 1]) : 4;
const int MaxCount = 8;                                         // events per step for a white bin (chip: at most 15)
const int Hidden = 64;                                  // XyloAudio 2: a neuron drives at most 64 recurrent weights

var (train, test) = Datasets.Mnist(Encoders.RowsAsTime(channels: 16, maxCount: MaxCount), digits: [0, 1, 2, 3, 4, 5, 6, 7]);
if (quick)
{
    train = train.Split(testFraction: 1 - 1000.0 / train.Count, seed: 1).Train;
    test = test.Split(testFraction: 400.0 / test.Count, seed: 1).Test;
}
Print(train);
Print(test);

torch.manual_seed(1);
var net = Sequential(
    LinearTorch(16, Hidden),
    // Recurrent, with slow bit-shift decays (membrane 1 - 2^-4 per step, synapse 1 - 2^-1): the class is only
    // known after most rows have passed, so the hidden layer has to remember the early ones.
    LIFTorch(Hidden, hasRec: true, leakMode: LeakMode.Bitshifts, dashMem: 4.0, dashSyn: 1.0),
    LinearTorch(Hidden, 8),
    // A wide surrogate window on the outputs: capped at 1 spike per step they otherwise fall silent early in training.
    LIFTorch(8, learningWindow: 20, leakMode: LeakMode.Bitshifts, dashMem: 4.0, dashSyn: 1.0));
// The bit-shift layers amplify their input about 2^dashMem · 2^dashSyn = 32 times at steady state: start the weights
// (Kaiming-uniform, for unit gain) 20 times smaller so that the first epochs do not run every neuron at its cap.
using (torch.no_grad())
    foreach (var weight in net.Parameters("weights").Leaves()) weight.Leaf.mul_(0.05);

Xylo.PrepareForTraining(net, XyloTarget.XyloAudio2);
Print(net.Transforms());

var clock = System.Diagnostics.Stopwatch.StartNew();
var run = Train(net, train, epochs: epochs, optimizer: Adam(lr: 2e-3), loss: Loss.SpikeCount, batchSize: 32,
    families: ["weights"], seed: 1);
Print(run.Summary());
Print($"trained in {clock.Elapsed:mm\\:ss}");

var spec = Xylo.Map(net, target: XyloTarget.XyloAudio2);
Print(spec.Report());
var config = Xylo.Quantise(spec);
Print(config.Report());

var floatNet = net.Copy();                                      // the same trained weights without the chip's effects
floatNet.RemoveTransforms();
// Prints per-layer divergence on one digit and the accuracy of float, fake-quantised and chip on all test digits.
var report = Xylo.Divergence(floatNet, net, config, test.Sample(0), data: test);
Print(report);

var folder = Path.Combine(Path.GetTempPath(), "qathost-out");
Directory.CreateDirectory(folder);
var file = Path.Combine(folder, "deploy-xylo-mnist.json");
config.Export(file);
var chip = Xylo.Simulator(config).Evolve(test.Sample(0));
var again = Xylo.Simulator(XyloConfig.Import(file)).Evolve(test.Sample(0));
Print(again.Output.Cast<int>().SequenceEqual(chip.Output.Cast<int>())
    ? $"exported {file}; reading it back simulates identically"
    : $"exported {file}; reading it back simulates DIFFERENTLY");
