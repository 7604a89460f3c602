using System.Diagnostics;
using System.Reflection;
using QatHost.Plugins;
using QatHost.Scripting;
using QatHost.Scripting.Completion;

// REPL completion latency, in process as the REPL runs it (on a background thread while the user types):
//   first: the first request of a session (loads Roslyn's editor services; the REPL starts this at launch)
//   then:  each later request, after a new submission each round, so the chain of submissions grows
//          (member, plugin transform, named argument and signature help requests, in turn)
// Usage: dotnet run -c Release --project bench/QatHost.CompletionBench [-- ROUNDS]
int rounds = args.Length > 0 ? int.Parse(args[0]) : 40;
string plugins = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginsFolder").Value!;
var catalog = PluginCatalog.Load([new PluginSource(plugins, "--plugins")]);
if (catalog.Failures.Count > 0 || catalog.Loaded.Count == 0) throw new InvalidOperationException($"plugins did not load from {plugins}");
var environment = new ScriptEnvironment(catalog.Loaded.Select(p => new ScriptPlugin(p.Manifest.Name, p.Assembly, p.Manifest.Namespace)).ToList());
using var session = new ReplSession(environment, new ScriptGlobals([], TextWriter.Null), Environment.CurrentDirectory);
if (session.Evaluate("var net = Sequential(LinearTorch(3, 5), LIFTorch(5));").Kind != ReplOutcomeKind.Ran)
    throw new InvalidOperationException("the first submission failed");

var completion = new ReplCompletion(session);
completion.Sync(session.Submissions);
var clock = Stopwatch.StartNew();
var first = completion.Complete("net.Para", 8, CancellationToken.None);
double firstMs = clock.Elapsed.TotalMilliseconds;
if (first.Candidates.Count == 0) throw new InvalidOperationException("no candidates for net.Para");

(string Text, bool Signature)[] requests =
[
    ("net.Para", false),
    ("Rounding.Sto", false),
    ("LIFTorch(5, hasR", false),
    ("Rounding.Stochastic(", true),
];
var times = new Dictionary<string, List<double>>();
var cpu = new Dictionary<string, List<double>>();
foreach (var r in requests) (times[r.Text], cpu[r.Text]) = ([], []);
var process = Process.GetCurrentProcess();
for (int round = 0; round < rounds; round++)
{
    // A new submission each round, as a session goes on; the REPL then prepares the chain in the background.
    session.Evaluate($"var x{round} = net.SizeOut + {round};");
    completion.Sync(session.Submissions);
    completion.Prepare();
    var (text, signature) = requests[round % requests.Length];
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    clock.Restart();
    bool answered = signature
        ? completion.Signature(text, text.Length, CancellationToken.None) is not null
        : completion.Complete(text, text.Length, CancellationToken.None).Candidates.Count > 0;
    times[text].Add(clock.Elapsed.TotalMilliseconds);
    process.Refresh();
    cpu[text].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
    if (!answered) throw new InvalidOperationException($"no answer for {text}");
}

double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Min(values.Count - 1, Math.Floor(p * values.Count)));
var all = times.Values.SelectMany(v => v).ToList();
var allCpu = cpu.Values.SelectMany(v => v).ToList();
Console.WriteLine($"REPL completion latency ({rounds} requests after the first, {Environment.ProcessorCount} cores, " +
                  $"{session.Submissions.Count} submissions at the end)");
// CPU time (all threads of the process) says what a request costs when the machine is not shared.
Console.WriteLine("| request                          | median (ms) | p95 (ms) | max (ms) | median CPU (ms) |");
Console.WriteLine("|----------------------------------|------------:|---------:|---------:|----------------:|");
Console.WriteLine($"| first (`net.Para`, cold)         | {firstMs,11:F0} |          |          |                 |");
foreach (var (text, signature) in requests)
{
    var t = times[text];
    string label = (signature ? "signature " : "complete ") + $"`{text}`";
    Console.WriteLine($"| {label,-32} | {Percentile(t, 0.5),11:F0} | {Percentile(t, 0.95),8:F0} | {t.Max(),8:F0} | {Percentile(cpu[text], 0.5),15:F0} |");
}
Console.WriteLine($"| all after the first              | {Percentile(all, 0.5),11:F0} | {Percentile(all, 0.95),8:F0} | {all.Max(),8:F0} | {Percentile(allCpu, 0.5),15:F0} |");
Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} (2 cores: above 2 means waiting for a core)");
