// scripts/mnist-qat.csx: does quantisation-aware training pay off on real data? MNIST (8,000 training and
// 2,000 held-out test digits, the fixed stratified split of Datasets.Mnist), one spiking network, trained
//   float       without quantisation
//   ptq         the float network, weights rounded afterwards to the nearest of 2^bits - 1 levels over ±max|w|
//   <method>    the same float pre-training, then QAT fine-tuning with the method, burned in to the deployed grid
// at 8, 4, 3 and 2-bit weights, 3 seeds each. Equal budget: every network trains PRE + FINE epochs in all
// (float pre-training, then FINE more epochs float or QAT; PTQ rounds the float network after all of them).
// Writes results/mnist-qat.csv (method,bits,seed,accuracy; bits empty for float; accuracy a fraction of the
// test digits) after every network, results/mnist-qat.png (accuracy against bits, mean ± std over seeds), and
// prints a table of mean ± std.
//   qathost run scripts/mnist-qat.csx                 the full study (about 2 min per seed on the 2 idle cores)
//   qathost run scripts/mnist-qat.csx -- --quick      500 random training digits, 1 seed, 1 + 1 epochs (CI, ~1 min)
//   qathost run scripts/mnist-qat.csx -- --seeds 2,3  only these seeds (to run seeds in parallel, in separate folders)
//   qathost run scripts/mnist-qat.csx -- --summarise  no training: the table and plot of results/mnist-qat.csv as it is
//                                                     (e.g. after concatenating the files of parallel runs)
//   qathost run scripts/mnist-qat.csx -- --relu       the non-spiking bound: the same network with a ReLU hidden layer,
//                                                     same budget; prints accuracy per seed, writes nothing
// Needs the Transforms plugin.

torch.set_num_threads(1);                       // small tensors: one intra-op thread beats two contending ones
bool quick = Args.Contains("--quick");
int preEpochs = quick ? 1 : 10, fineEpochs = quick ? 1 : 5;
const int BatchSize = 64;
string Option(string name) => Args.ToList().IndexOf(name) is var i and >= 0 && i + 1 < Args.Count ? Args[i + 1] : null;
long[] seeds = Option("--seeds") is { } list ? list.Split(',').Select(long.Parse).ToArray() : quick ? [1] : [1, 2, 3];
bool summarise = Args.Contains("--summarise");
int[] bitWidths = [2, 3, 4, 8];                 // the hard cases first: a run stopped early has them
const int Hidden = 256;
// A step learning-rate schedule: float pre-training at 5e-3, then every fine-tuning (float or QAT) at 1e-3. The small
// L2 penalty (weight decay 1e-4) regularises: 8,000 training digits are fitted to 100 % long before the end.
const double WeightDecay = 1e-4;
var optimizer = Adam(lr: 5e-3, weightDecay: WeightDecay);
var fineOptimizer = Adam(lr: 1e-3, weightDecay: WeightDecay);
// LSQ fine-tunes with the paper's optimizer, SGD with momentum: Adam normalises every update to about lr, which
// ignores LSQ's gradient scale and (measured) drove an 8-bit step of ~0.006 below zero within 122 batches. No weight
// decay here: it would pull the learned steps towards zero as well.
var lsqOptimizer = Sgd(lr: 1e-2, momentum: 0.9);
var encoder = Encoders.Direct(steps: 6, pool: 2); // 14 x 14 = 196 channels, the intensity at each of 6 steps

var clock = System.Diagnostics.Stopwatch.StartNew();
var rows = new List<(string Method, int? Bits, long Seed, double Accuracy)>();
if (summarise)
{
    foreach (var line in File.ReadAllLines("results/mnist-qat.csv").Skip(1))
    {
        var f = line.Split(',');
        rows.Add((f[0], f[1] == "" ? null : int.Parse(f[1]), long.Parse(f[2]), double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)));
    }
    seeds = rows.Select(r => r.Seed).Distinct().Order().ToArray();
}
var (train, test) = Datasets.Mnist(encoder);
if (quick) train = train.Split(testFraction: 0.9375, seed: 1).Train;   // 500 random training digits
Print(train);
Print(test);
var (firstTwo, third) = train.Split(testFraction: 1 / 3.0, seed: 7);
var (first, second) = firstTwo.Split(testFraction: 0.5, seed: 7);
Dataset[] thirds = [first, second, third];
Print($"budget: {preEpochs} float epochs + {fineEpochs} epochs float or QAT, {optimizer} then {fineOptimizer} (LSQ: {lsqOptimizer}), batch {BatchSize}, " +
      $"Loss.SpikeCount, weights only; seeds {string.Join(", ", seeds)}");

Sequential Network(long seed)
{
    torch.manual_seed(seed);
    return Sequential(
        LinearTorch(train.Channels, Hidden),
        LIFTorch(Hidden, tauMem: 0.02, tauSyn: 0.005),
        LinearTorch(Hidden, 10));           // linear readout: logits are its sum over time (Loss.SpikeCount)
}

// --relu: the non-spiking bound. The same 196-256-10 network with a ReLU hidden layer instead of the LIF layer, on the
// same split and with the same budget (the same epochs, optimizers, learning rates, weight decay, batch and seeds), written
// with TorchSharp directly (the SDK has no non-spiking layer). Direct coding repeats the image at every step, so the
// ReLU network sees it once. Prints its test accuracy per seed and mean ± std; adds nothing to the CSV.
if (Args.Contains("--relu"))
{
    var accuracies = seeds.Select(seed =>
    {
        torch.manual_seed(seed);
        var hidden = torch.nn.Linear(train.Channels, Hidden);
        var readout = torch.nn.Linear(Hidden, 10);
        var parameters = hidden.parameters().Concat(readout.parameters()).ToList();
        torch.Tensor Logits(torch.Tensor images) => readout.forward(torch.nn.functional.relu(hidden.forward(images)));
        var images = train.Inputs[.., 0, ..].contiguous();
        foreach (var (spec, epochs, phase) in new[] { (optimizer, preEpochs, 0), (fineOptimizer, fineEpochs, 1) })
        {
            var adam = torch.optim.Adam(parameters, spec.LearningRate, weight_decay: WeightDecay);
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                var order = torch.randperm(train.Count, generator: new torch.Generator((ulong)(seed * 1000 + phase * 100 + epoch)));
                for (long start = 0; start < train.Count; start += BatchSize)
                {
                    using var scope = torch.NewDisposeScope();
                    var batch = order[torch.TensorIndex.Slice(start, Math.Min(start + BatchSize, train.Count))];
                    var loss = torch.nn.functional.cross_entropy(Logits(images[batch]), train.Targets[batch]);
                    adam.zero_grad();
                    loss.backward();
                    adam.step();
                }
            }
        }
        using var noGrad = torch.no_grad();
        double accuracy = Logits(test.Inputs[.., 0, ..]).argmax(1).eq(test.Targets).to_type(torch.float32).mean().item<float>();
        Print(FormattableString.Invariant($"{clock.Elapsed:hh\\:mm\\:ss}  relu (non-spiking) seed {seed}  {accuracy * 100:F2} %"));
        return accuracy;
    }).ToArray();
    Print(FormattableString.Invariant(
        $"non-spiking bound (ReLU hidden layer, same budget) on {test.Count} test digits: {accuracies.Average() * 100:F2} ± {Plots.StandardDeviation(accuracies) * 100:F2} %"));
    return;
}

double Accuracy(Module net) => Evaluate(net, test, loss: Loss.SpikeCount, batchSize: 500).Accuracy;   // large batches: fewer steps

void FineTune(Module net, long seed, int epochs = 0, OptimizerSpec with = null) =>
    Train(net, train, epochs: epochs == 0 ? fineEpochs : epochs, optimizer: with ?? fineOptimizer, loss: Loss.SpikeCount,
        batchSize: BatchSize, families: ["weights"], seed: seed);

// The grid a network is deployed on: 2^bits - 1 levels over ±max|w| of each weight tensor (zero is a level).
Transform Deployed(int bits) => Rounding.Deterministic(levels: (1 << bits) - 1);

void Attach(Module net, Transform transform)
{
    net.RemoveTransforms();
    net.Param("weights").Apply(transform);
}

Module Burned(Module net)
{
    net.BurnIn();
    net.RemoveTransforms();
    return net;
}

// Each QAT method: fine-tunes a copy of the pre-trained network and returns it burned in to its deployment grid.
var methods = new (string Name, Func<Module, int, long, Module> Run)[]
{
    // Straight-through estimator: deterministic rounding to the deployed grid in the forward pass, identity gradient.
    ("ste", (net, bits, seed) => { Attach(net, Deployed(bits)); FineTune(net, seed); return Burned(net); }),
    // Stochastic rounding (unbiased) while training, nearest level when deployed.
    ("stochastic", (net, bits, seed) =>
    {
        Attach(net, Rounding.Stochastic(levels: (1 << bits) - 1));
        FineTune(net, seed);
        Attach(net, Deployed(bits));
        return Burned(net);
    }),
    // Per-channel scales: every output neuron's inputs get their own ±max range (deployed the same way).
    ("per-channel", (net, bits, seed) =>
    {
        Attach(net, Rounding.DeterministicPerChannel(levels: (1 << bits) - 1));
        FineTune(net, seed);
        return Burned(net);
    }),
    // LSQ (Esser et al. 2020): learned step per tensor, grid [-2^(b-1), 2^(b-1) - 1]·s, deployed as trained.
    ("lsq", (net, bits, seed) =>
    {
        Attach(net, Quantise.LearnedStepSize(bits: bits));
        using (torch.no_grad()) net.Evolve(train.Sample(0));   // creates the steps, so the optimizer sees them
        FineTune(net, seed, with: lsqOptimizer);
        return Burned(net);
    }),
    // Bit-width schedule: STE with the bits stepping linearly from 8 down to the target, 8 → (8 + b)/2 → b, each
    // stage on a different third of the fine-tuning data (so the budget stays one pass over the training set).
    ("schedule", (net, bits, seed) =>
    {
        for (int stage = 0; stage < 3; stage++)
        {
            int now = (int)Math.Round(8 + (bits - 8) * stage / 2.0);
            Attach(net, Deployed(now));
            Train(net, thirds[stage], epochs: fineEpochs, optimizer: fineOptimizer, loss: Loss.SpikeCount,
                batchSize: BatchSize, families: ["weights"], seed: seed * 10 + stage);
        }
        return Burned(net);
    }),
};

Directory.CreateDirectory("results");
void Record(string method, int? bits, long seed, double accuracy)
{
    rows.Add((method, bits, seed, accuracy));
    var lines = rows.Select(r => FormattableString.Invariant($"{r.Method},{r.Bits},{r.Seed},{r.Accuracy:F4}"));
    File.WriteAllLines("results/mnist-qat.csv.tmp", lines.Prepend("method,bits,seed,accuracy"));
    File.Move("results/mnist-qat.csv.tmp", "results/mnist-qat.csv", overwrite: true);
    Print(FormattableString.Invariant($"{clock.Elapsed:hh\\:mm\\:ss}  {method,-11} {(bits is null ? "float" : $"{bits}-bit"),6}  seed {seed}  {accuracy * 100:F2} %"));
}

// Seeds outermost: a run stopped early still holds whole tables for the seeds it finished.
foreach (long seed in summarise ? Array.Empty<long>() : seeds)
{
    var net = Network(seed);
    Train(net, train, epochs: preEpochs, optimizer: optimizer, loss: Loss.SpikeCount, batchSize: BatchSize, families: ["weights"], seed: seed);
    var pretrained = net.Copy();
    FineTune(net, seed + 1000);                          // float gets the same fine-tuning epochs, unquantised
    Record("float", null, seed, Accuracy(net));
    foreach (int bits in bitWidths)
    {
        var ptq = net.Copy();
        Attach(ptq, Deployed(bits));
        Record("ptq", bits, seed, Accuracy(Burned(ptq)));
        foreach (var (name, run) in methods)
        {
            try
            {
                Record(name, bits, seed, Accuracy(run(pretrained.Copy(), bits, seed + 1000)));
            }
            catch (QatHostException e)                   // one failed method must not cost the rest of the study
            {
                Print($"{clock.Elapsed:hh\\:mm\\:ss}  {name,-11} {bits}-bit  seed {seed}  FAILED (no row): {e.Message}");
            }
        }
    }
}

var table = new List<string> { $"accuracy on {test.Count} test digits, mean ± std over seeds {string.Join(", ", seeds)}" +
    (summarise ? "" : $", {clock.Elapsed:hh\\:mm\\:ss} in all") };
string Cell(IEnumerable<double> values)
{
    var v = values.ToArray();
    return v.Length == 0 ? "" : FormattableString.Invariant($"{v.Average() * 100:F2} ± {Plots.StandardDeviation(v) * 100:F2}");
}
var names = new[] { "ptq" }.Concat(methods.Select(m => m.Name)).ToArray();
table.Add($"{"bits",5}  {"float",-13}" + string.Concat(names.Select(n => $"  {n,-13}")));
foreach (int bits in bitWidths.Order().Reverse())
    table.Add($"{bits,5}  {Cell(rows.Where(r => r.Method == "float").Select(r => r.Accuracy)),-13}" +
        string.Concat(names.Select(n => $"  {Cell(rows.Where(r => r.Method == n && r.Bits == bits).Select(r => r.Accuracy)),-13}")));
Print(string.Join("\n", table));

Plots.MeanAndSpread(
    rows.Where(r => r.Bits is not null).Select(r => (r.Method, (double)r.Bits!.Value, r.Accuracy * 100))
        .Concat(rows.Where(r => r.Bits is null).Select(r => ("float", 8.0, r.Accuracy * 100))),
    "results/mnist-qat.png", title: $"MNIST, {test.Count} test digits: mean ± std over {seeds.Length} seed(s)",
    xLabel: "weight bits", yLabel: "test accuracy (%)");
Print("wrote results/mnist-qat.csv and results/mnist-qat.png");
