using QatHost.Benchmarks;

// dotnet run -c Release --project bench/QatHost.Benchmarks [-- kernels|wrapped|seed|profile|training|target|crossover|gather ...]
//   [--steps 100,1000] [--neurons 64,256,1024] [--shape mnist-rows] [--reference] [--no-proxy] [--samples 1024] [--runs 2]
var suites = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.Contains(',') && !int.TryParse(a, out _)
    && !IsValueOf("--shape", a) && !IsValueOf("--samples", a) && !IsValueOf("--runs", a)).ToHashSet();
if (suites.Count == 0) suites = ["kernels", "wrapped", "seed"];
int[] steps = Option("--steps", [100, 1000]);
int[] neurons = Option("--neurons", [64, 256, 1024]);

// Only the memory table needs glibc's mmap threshold pinned (Measure.PeakMemory); elsewhere it would add page faults
// to every trace-sized allocation that users do not pay.
if (suites.Contains("kernels")) Measure.StabiliseAllocator();
Console.WriteLine(Machine.Describe());
if (suites.Contains("kernels")) KernelTable.Print(batches: 32, steps, neurons);
if (suites.Contains("wrapped")) WrappedTable.Print(batches: 32, steps: 1000, neurons: 256);
if (suites.Contains("seed")) SeedNetworkTable.Print();
if (suites.Contains("profile")) Profile.Print(32, steps[0], neurons[0], args.Contains("--rec"));
if (suites.Contains("training")) TrainingTable.Print(args.Contains("--reference"), !args.Contains("--no-proxy"), Text("--shape"),
    Text("--samples") is { } n ? int.Parse(n) : null, Text("--runs") is { } r ? int.Parse(r) : 2);
if (suites.Contains("gather")) GatherTable.Print();
if (suites.Contains("target")) TargetTable.Print();
if (suites.Contains("crossover")) CrossoverTable.Print();
Console.WriteLine($"Load at the end: {Machine.Load()}");

int[] Option(string name, int[] fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',').Select(int.Parse).ToArray() : fallback;
}

string? Text(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

bool IsValueOf(string name, string value)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && args[at + 1] == value;
}
