namespace QatHost.Sdk.Hardware;

/// <summary>What a <see cref="IHardwareSimulator"/> run produced.</summary>
/// <param name="Output">Output events per time step and output channel, shape <c>(T, OutputChannels)</c>.</param>
/// <param name="Record">Recorded integer time series by name (e.g. <c>"Vmem"</c>, <c>"Isyn"</c>,
/// <c>"Spikes"</c>), each shaped <c>(T, N)</c>; empty unless recording was asked for.</param>
public sealed record HardwareRun(int[,] Output, IReadOnlyDictionary<string, int[,]> Record)
{
    /// <summary>Total output events per output channel over the run.</summary>
    public int[] OutputCounts()
    {
        var counts = new int[Output.GetLength(1)];
        for (int t = 0; t < Output.GetLength(0); t++)
            for (int o = 0; o < counts.Length; o++) counts[o] += Output[t, o];
        return counts;
    }
}
