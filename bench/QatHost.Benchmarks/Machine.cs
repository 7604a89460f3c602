using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace QatHost.Benchmarks;

/// <summary>What the numbers were measured on.</summary>
public static class Machine
{
    public static string Describe()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?"
            : "?";
        return $"Machine: {cpu}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}, LibTorch threads {get_num_threads()}, Vector<float> width {System.Numerics.Vector<float>.Count}; " +
               $"load at the start: {Load()}";
    }

    /// <summary>The 1-, 5- and 15-minute load averages (other builds on the machine skew timings).</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
