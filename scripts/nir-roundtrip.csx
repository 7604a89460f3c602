// scripts/nir-roundtrip.csx: a network made elsewhere, quantised and trained here, sent back out as NIR.
//   1. Nir.Load reads a NIR file; by default Rockpool's own to_nir export of a 6-16-4 LIF network
//      (tests/Oracle/nir/taus_linear/graph.nir). Each layer's dt follows Rockpool's from_nir rule.
//   2. Its weights train briefly on a built-in task with stochastic rounding to 16 levels (QAT), then are
//      rounded deterministically and burned in.
//   3. Nir.Save writes the quantised network (any NIR reader takes it; QatHost's metadata rides along), and
//      Nir.Load reads it back to the same network, checked on one input.
// Arguments: [input.nir [output.nir]]. Needs the Nir and Transforms plugins.

torch.set_num_threads(1);
string source = Args.Count > 0 ? Args[0] : "tests/Oracle/nir/taus_linear/graph.nir";
string target = Args.Count > 1 ? Args[1] : Path.Combine(Path.GetTempPath(), "nir-roundtrip.nir");

var net = Nir.Load(source);
Print(net);
foreach (var lif in net.AllModules().OfType<LIFTorch>())
    Print($"{lif.Path}: dt = {lif.Dt * 1e3:F4} ms");

var data = Tasks.FrozenNoise(classes: (int)net.SizeOut, channels: (int)net.SizeIn, steps: 50, samples: 160, rate: 50, seed: 1);
var (train, test) = data.Split(testFraction: 0.25, seed: 1);
Print($"imported network: accuracy {Evaluate(net, test, loss: Loss.MaxOverTime).Accuracy * 100:F1} %");

net.Param("weights").Apply(Rounding.Stochastic(levels: 16));
var run = Train(net, train, epochs: 3, optimizer: Adam(lr: 1e-2), loss: Loss.MaxOverTime, test: test, families: ["weights"], seed: 1);
Print(run.Summary());
net.RemoveTransforms();
net.Param("weights").Apply(Rounding.Deterministic(levels: 16));
net.BurnIn();
net.RemoveTransforms();
foreach (var (path, w) in net.Parameters("weights").Leaves())
    Print($"{path}: {w.unique().output.numel()} distinct weight values");
Print($"quantised network: accuracy {Evaluate(net, test, loss: Loss.MaxOverTime).Accuracy * 100:F1} %");

Nir.Save(net, target);
var back = Nir.Load(target);
var x = test.Inputs[0];
net.ResetState();
bool same = back.Evolve(x).Output.eq(net.Evolve(x).Output).all().item<bool>();
Print(same ? $"saved {target}; reading it back gives the same network" : $"saved {target}; reading it back gives a DIFFERENT network");
