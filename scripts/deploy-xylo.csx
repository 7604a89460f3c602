// scripts/deploy-xylo.csx: build a small Xylo-shaped network, map it to XyloAudio 2, quantise, check it
// bit-exactly against the float network and export the chip configuration.
// Run: qathost run scripts/deploy-xylo.csx   (tests/QatHost.Xylo.Tests/DeployScriptTests.cs runs the same calls)

torch.manual_seed(42);
var hidden = new { leakMode = LeakMode.Bitshifts, dashMem = 4.0, dashSyn = 2.0 };
var net = Sequential(
    LinearTorch(16, 32),
    LIFTorch(32, leakMode: hidden.leakMode, dashMem: hidden.dashMem, dashSyn: hidden.dashSyn, maxSpikesPerDt: 31),
    Residual(
        LinearTorch(32, 32),
        LIFTorch(32, hasRec: true, leakMode: hidden.leakMode, dashMem: hidden.dashMem, dashSyn: hidden.dashSyn, maxSpikesPerDt: 31)),
    LinearTorch(32, 4),
    LIFTorch(4, leakMode: hidden.leakMode, dashMem: hidden.dashMem, dashSyn: hidden.dashSyn, maxSpikesPerDt: 1));
Print(net);

var spec = Xylo.Map(net, target: XyloTarget.XyloAudio2);     // every design rule, all violations at once
Print(spec.Report());

var config = Xylo.Quantise(spec);                              // per channel, as Rockpool's channel_quantize
Print(config.Report());

var rng = new Random(7);                                       // a sample: 200 steps of sparse event counts
var raster = new int[200, 16];
for (int t = 0; t < 200; t++)
    for (int c = 0; c < 16; c++)
        raster[t, c] = rng.NextDouble() < 0.15 ? rng.Next(1, 3) : 0;

var chip = Xylo.Simulator(config);
var run = chip.Evolve(raster, record: true);
var floatOut = net.Evolve(torch.tensor(raster.Cast<int>().Select(x => (float)x).ToArray(), [200, 16])).Output;
var floatCounts = floatOut.sum(1).squeeze(0).data<float>().ToArray();
var chipCounts = run.OutputCounts();
Print("(the chip delivers each hidden layer's spikes one step later than the float network)");
for (int o = 0; o < chipCounts.Length; o++)
    Print($"output {o}: float network {floatCounts[o]} spikes, chip {chipCounts[o]} spikes");

var folder = Path.Combine(Path.GetTempPath(), "qathost-out");
Directory.CreateDirectory(folder);
var file = Path.Combine(folder, "deploy-xylo.json");
config.Export(file);                                            // written whole, and only when valid
var again = Xylo.Simulator(XyloConfig.Import(file)).Evolve(raster);
Print(again.Output.Cast<int>().SequenceEqual(run.Output.Cast<int>())
    ? $"exported {file}; reading it back simulates identically"
    : $"exported {file}; reading it back simulates DIFFERENTLY");
