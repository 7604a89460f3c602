// scripts/deploy-xylo.csx: train a small network for XyloAudio 2 the way the chip runs it (Xylo spec 9), map it,
// quantise, compare float / fake-quantised / bit-exact chip, and export the chip configuration.
// Run: qathost run scripts/deploy-xylo.csx   (CI runs it; about 10 s on two cores)

torch.set_num_threads(1);                                       // tiny tensors: one thread is fastest
var data = Tasks.FrozenNoise(classes: 4, channels: 16, steps: 50, samples: 480, rate: 50, difficulty: 0.5, seed: 1);
var (train, test) = data.Split(testFraction: 0.25, seed: 1);

torch.manual_seed(1);
var net = Sequential(
    LinearTorch(16, 32),
    LIFTorch(32, leakMode: LeakMode.Bitshifts, dashMem: 3.0, dashSyn: 2.0, threshold: Enumerable.Repeat(1.0, 32).ToArray()),
    Residual(
        LinearTorch(32, 32),
        LIFTorch(32, leakMode: LeakMode.Bitshifts, dashMem: 3.0, dashSyn: 2.0)),
    LinearTorch(32, 4),
    // A wide surrogate window on the outputs: capped at 1 spike per step they otherwise fall silent early in
    // training and get no gradient back.
    LIFTorch(4, learningWindow: 20, leakMode: LeakMode.Bitshifts, dashMem: 3.0, dashSyn: 2.0));

Xylo.PrepareForTraining(net, XyloTarget.XyloAudio2);           // design rules now; caps 31/1, chip decays, int8/16-bit fake quantisation, hop delay
Print(net.Transforms());

// The weights train; thresholds and time constants could too (Train keeps them valid), but here they keep the
// values the chip configuration was prepared with.
var run = Train(net, train, epochs: 20, optimizer: Adam(lr: 3e-3), loss: Loss.SpikeCount, test: test,
    families: ["weights"], seed: 1);
Print(run.Summary());

var spec = Xylo.Map(net, target: XyloTarget.XyloAudio2);       // reads the weights as the transforms make them
Print(spec.Report());
var config = Xylo.Quantise(spec);                              // per channel: the scale the training used
Print(config.Report());

var floatNet = net.Copy();                                     // the same trained weights without the chip's effects
floatNet.RemoveTransforms();
var report = Xylo.Divergence(floatNet, net, config, test.Sample(0), data: test);
Print(report);

var folder = Path.Combine(Path.GetTempPath(), "qathost-out");
Directory.CreateDirectory(folder);
var file = Path.Combine(folder, "deploy-xylo.json");
config.Export(file);                                            // written whole, and only when valid
var chip = Xylo.Simulator(config).Evolve(test.Sample(0));
var again = Xylo.Simulator(XyloConfig.Import(file)).Evolve(test.Sample(0));
Print(again.Output.Cast<int>().SequenceEqual(chip.Output.Cast<int>())
    ? $"exported {file}; reading it back simulates identically"
    : $"exported {file}; reading it back simulates DIFFERENTLY");
