// A tiny trial for the sweep tests: quantises seeded noise to `bits` bits and reports the error.
// bits=3 with seed=2 fails on purpose; bits=4 waits while the file named by `hold` exists (at most 3 minutes),
// so a test can stop a sweep with a trial still running.
using QatHost.Sdk.Hosting;

int bits = Param("bits", 8);
long seed = Param<long>("seed", 1);
string hold = Param("hold", "");
if (bits == 3 && seed == 2) throw new QatHostException("deliberate failure: bits=3 with seed=2");
var until = DateTime.UtcNow.AddMinutes(3);
while (bits == 4 && hold.Length > 0 && File.Exists(hold) && DateTime.UtcNow < until) Thread.Sleep(100);

RandomSource.SetSeed(seed);
var x = torch.randn(1000);
float scale = 1 << (bits - 1);
var q = (x * scale).round() / scale;
Report("error", (x - q).abs().mean().item<float>());
Report("levels", Math.Pow(2, bits));
