using System.Diagnostics;
using System.Text.Json;

namespace QatHost.Benchmarks;

/// <summary>Runs <c>bench/rockpool_proxy.py</c>, the op-by-op Rockpool proxy (Rockpool's LIFTorch loop and
/// LinearTorch re-written from the spec, on Debian's python3-torch 1.13), in the same benchmark run. Rockpool
/// itself is not installable here. Returns null when no Python with torch is found
/// (<c>QATHOST_PROXY_PYTHON</c>, default <c>/usr/bin/python3</c>).</summary>
public static class RockpoolProxy
{

    private static readonly Lazy<string?> script = new(FindScript);
    private static readonly Lazy<string?> python = new(FindPython);

    public static string? Python => python.Value;

    /// <summary>One training epoch of <paramref name="shape"/> in the proxy (fastest of <paramref name="runs"/>).</summary>
    public static ProxyResult? Train(TrainingTable.Shape shape, int runs) =>
        Run("train", $"--steps {shape.Steps} --inputs {shape.Inputs} --neurons {shape.Neurons} --batch {shape.Batch} " +
                     $"--samples {shape.Samples} --rec {(shape.Recurrent ? 1 : 0)} --runs {runs}");

    /// <summary><c>Linear(16, N) → LIF(N)</c> forward + backward in the proxy (fastest of <paramref name="runs"/>).</summary>
    public static ProxyResult? Kernel(int batches, int steps, int neurons, bool recurrent, int runs) =>
        Run("kernel", $"--steps {steps} --neurons {neurons} --batch {batches} --rec {(recurrent ? 1 : 0)} --runs {runs}");

    private static ProxyResult? Run(string mode, string arguments)
    {
        if (python.Value is not { } exe || script.Value is not { } path) return null;
        var info = new ProcessStartInfo(exe, $"{path} {mode} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"rockpool_proxy.py failed ({process.ExitCode}): {error}");
            return null;
        }
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        double Get(string name) => root.TryGetProperty(name, out var v) ? v.GetDouble() : double.NaN;
        return new ProxyResult(Get("epoch_seconds"), Get("epoch_cpu_seconds"), Get("fwd_bwd_ms"), root.GetProperty("torch").GetString() ?? "?");
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "bench", "rockpool_proxy.py")))
                return Path.Combine(dir.FullName, "bench", "rockpool_proxy.py");
        return null;
    }

    private static string? FindPython()
    {
        string exe = Environment.GetEnvironmentVariable("QATHOST_PROXY_PYTHON") ?? "/usr/bin/python3";
        if (!File.Exists(exe)) return null;
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(exe, "-c \"import torch\"") { RedirectStandardError = true })!;
            probe.StandardError.ReadToEnd();
            probe.WaitForExit();
            return probe.ExitCode == 0 ? exe : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>What the proxy measured: an epoch in seconds (wall clock and process CPU), or a forward + backward in milliseconds.</summary>
public sealed record ProxyResult(double EpochSeconds, double CpuSeconds, double FwdBwdMs, string TorchVersion);
