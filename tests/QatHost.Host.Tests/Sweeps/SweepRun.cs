using System.Diagnostics;
using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.Sweeps;

/// <summary>Helpers for the sweep tests: the fixture script, a sweep started in the background (to stop it), and
/// results.csv read back.</summary>
public static class SweepRun
{
    /// <summary>The tiny trial script: quantisation error of seeded noise; bits=3 with seed=2 fails; bits=4 waits while
    /// the file named by the <c>hold</c> parameter exists.</summary>
    public const string Script = "tests/Fixtures/Scripts/Sweep/Sweep.csx";

    /// <summary><c>qathost sweep</c> with the given arguments, to completion.</summary>
    public static CliResult Sweep(params string[] args) => QatHostProcess.Run(["sweep", .. args], timeout: TimeSpan.FromMinutes(10));

    /// <summary>results.csv as rows of column → value, without the <c>seconds</c> column (timing differs run to run).</summary>
    public static List<Dictionary<string, string>> Results(string directory)
    {
        var lines = File.ReadAllLines(Path.Combine(directory, "results.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).Where(c => c.First != "seconds")
            .ToDictionary(c => c.First, c => c.Second)).ToList();
    }

    /// <summary>The rows as "bits=2 seed=1 status" strings, for readable assertions.</summary>
    public static List<string> Statuses(string directory) =>
        Results(directory).Select(r => $"bits={r["bits"]} seed={r["seed"]} {r["status"]}").ToList();

    /// <summary>A qathost process running in the background.</summary>
    public sealed class Background : IDisposable
    {
        private readonly Process process;
        private readonly Task<string> output, error;

        /// <summary>Starts <c>qathost ARGS</c>.</summary>
        public Background(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(Repository.CliAssembly);
            foreach (string arg in args) start.ArgumentList.Add(arg);
            start.Environment["QATHOST_CACHE"] = QatHostProcess.SharedCacheDirectory;
            process = Process.Start(start)!;
            process.StandardInput.Close();
            output = process.StandardOutput.ReadToEndAsync();
            error = process.StandardError.ReadToEndAsync();
        }

        /// <summary>Sends SIGINT, as Ctrl-C does.</summary>
        public void Interrupt()
        {
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString()]);
            kill.WaitForExit();
        }

        /// <summary>Waits for the process to end.</summary>
        public CliResult Wait(TimeSpan timeout)
        {
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"qathost did not end within {timeout}:\n{error.Result}");
            }
            return new CliResult(process.ExitCode, output.Result, error.Result);
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="timeout"/>.</summary>
    public static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"waited {timeout} for {what}");
            Thread.Sleep(200);
        }
    }

    /// <summary>The trial folders holding a result file.</summary>
    public static int Ended(string directory) => Directory.Exists(Path.Combine(directory, "trials"))
        ? Directory.GetDirectories(Path.Combine(directory, "trials")).Count(d => File.Exists(Path.Combine(d, "result.json")))
        : 0;
}
