// Measures XyloSim throughput on a 1000-neuron XyloAudio 2 configuration: 16 inputs, 1000 hidden neurons
// with 2 synapses and 32 random recurrent targets each, 8 outputs, random input at ~30% channel occupancy.
using System.Diagnostics;
using QatHost.Xylo;

const int Hidden = 1000, Steps = 20_000;
var r = new Random(1);
var wIn = new int[16, Hidden, 2];
var wRec = new int[Hidden, Hidden, 2];
var wOut = new int[Hidden, 8];
for (int c = 0; c < 16; c++) for (int j = 0; j < Hidden; j++) wIn[c, j, r.Next(2)] = r.Next(-128, 128);
for (int i = 0; i < Hidden; i++) for (int f = 0; f < 32; f++) wRec[i, r.Next(Hidden), r.Next(2)] = r.Next(-128, 128);
for (int i = 0; i < Hidden; i++) wOut[i, r.Next(8)] = r.Next(-128, 128);
int[] Fill(int n, int lo, int hi) => Enumerable.Range(0, n).Select(_ => r.Next(lo, hi)).ToArray();
var config = new XyloConfig
{
    Target = XyloTarget.XyloAudio2, WeightsIn = wIn, WeightsRec = wRec, WeightsOut = wOut, WeightShiftIn = 4, WeightShiftRec = 2,
    DashMem = Fill(Hidden, 1, 6), DashSyn = Fill(Hidden, 1, 6), DashSyn2 = Fill(Hidden, 1, 6), Threshold = Fill(Hidden, 500, 3000),
    Bias = new int[Hidden], DashMemOut = Fill(8, 1, 6), DashSynOut = Fill(8, 1, 6), ThresholdOut = Fill(8, 500, 3000), BiasOut = new int[8],
    Aliases = Enumerable.Range(0, Hidden).Select(_ => Array.Empty<int>()).ToArray(), Dt = 1e-3,
    HiddenModules = Enumerable.Repeat("", Hidden).ToArray(), OutputModules = Enumerable.Repeat("", 8).ToArray(),
};
var input = new int[Steps, 16];
for (int t = 0; t < Steps; t++) for (int c = 0; c < 16; c++) input[t, c] = r.NextDouble() < 0.3 ? r.Next(1, 4) : 0;

var sim = Xylo.Simulator(config);
sim.Evolve(input);   // warm-up (JIT, tiering)
foreach (bool record in new[] { false, true })
{
    sim.Reset();
    var clock = Stopwatch.StartNew();
    var run = sim.Evolve(input, record);
    clock.Stop();
    double rate = (double)Hidden * Steps / clock.Elapsed.TotalSeconds;
    long hiddenSpikes = record ? run.Record["Spikes"].Cast<int>().Sum(x => (long)x) : -1;
    Console.WriteLine($"record: {record,-5}  {Steps} steps x {Hidden} neurons in {clock.Elapsed.TotalMilliseconds:0} ms = {rate / 1e6:0.0} M neuron-steps/s" +
        (record ? $"  (hidden spikes per neuron-step {hiddenSpikes / (double)Hidden / Steps:0.00})" : ""));
}
