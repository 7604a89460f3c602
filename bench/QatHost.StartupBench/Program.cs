using System.Diagnostics;
using System.Reflection;

// Times whole processes, as a user experiences them: median of N runs each.
//   cold: qathost run scripts/hello.csx with an empty compilation cache (Roslyn compiles the script)
//   warm: the same with the cache filled (the compiled script is loaded from disk)
//   plain: bench/HelloPlain, the same statements compiled ahead of time
// Usage: dotnet run -c Release --project bench/QatHost.StartupBench [-- RUNS]
string Metadata(string key) => typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
string root = Metadata("RepositoryRoot"), configuration = Metadata("Configuration");
int runs = args.Length > 0 ? int.Parse(args[0]) : 7;
string qathost = Path.Combine(root, "host/QatHost.Cli/bin", configuration, "net10.0/qathost");
string plain = Path.Combine(root, "bench/HelloPlain/bin", configuration, "net10.0/HelloPlain");
string cache = Path.Combine(Path.GetTempPath(), "qathost-bench-cache");

double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

double Time(string exe, string? clearCache, params string[] arguments)
{
    if (clearCache is not null && Directory.Exists(clearCache)) Directory.Delete(clearCache, recursive: true);
    var start = new ProcessStartInfo(exe) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (string a in arguments) start.ArgumentList.Add(a);
    start.Environment["QATHOST_CACHE"] = cache;
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    process.StandardOutput.ReadToEnd();
    process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{exe} exited {process.ExitCode}");
    return clock.Elapsed.TotalMilliseconds;
}

// Rounds interleave the three, so a busy machine slows each column alike.
Time(plain, null); // page the native libraries in once, for every column alike
List<double> plainTimes = [], coldTimes = [], warmTimes = [];
for (int round = 0; round < runs; round++)
{
    plainTimes.Add(Time(plain, null));
    coldTimes.Add(Time(qathost, cache, "run", "scripts/hello.csx"));
    warmTimes.Add(Time(qathost, null, "run", "scripts/hello.csx"));
}
double plainMs = Median(plainTimes), coldMs = Median(coldTimes), warmMs = Median(warmTimes);

Console.WriteLine($"Start-up of scripts/hello.csx ({configuration}, median of {runs} runs, {Environment.ProcessorCount} cores)");
Console.WriteLine("| run                        | time (ms) | vs plain app |");
Console.WriteLine("|----------------------------|----------:|-------------:|");
Console.WriteLine($"| plain compiled console app | {plainMs,9:F0} | {1.0,11:F2}x |");
Console.WriteLine($"| qathost run, cold cache    | {coldMs,9:F0} | {coldMs / plainMs,11:F2}x |");
Console.WriteLine($"| qathost run, warm cache    | {warmMs,9:F0} | {warmMs / plainMs,11:F2}x |");
