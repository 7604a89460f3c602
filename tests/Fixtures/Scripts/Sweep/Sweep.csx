// A tiny trial for the sweep tests: quantises seeded noise to `bits` bits and reports the error.
// bits=3 with seed=2 fails on purpose; `sleep` (seconds) makes a trial slow enough to stop.
using QatHost.Sdk.Hosting;

int bits = Param("bits", 8);
long seed = Param<long>("seed", 1);
double sleep = Param("sleep", 0.0);
if (bits == 3 && seed == 2) throw new QatHostException("deliberate failure: bits=3 with seed=2");
Thread.Sleep(TimeSpan.FromSeconds(sleep));

RandomSource.SetSeed(seed);
var x = torch.randn(1000);
float scale = 1 << (bits - 1);
var q = (x * scale).round() / scale;
Report("error", (x - q).abs().mean().item<float>());
Report("levels", Math.Pow(2, bits));
