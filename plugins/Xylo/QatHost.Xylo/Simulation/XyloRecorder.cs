namespace QatHost.Xylo.Simulation;

/// <summary>Records the state series Rockpool's XyloSim returns with <c>record=True</c> (Xylo spec 8.5):
/// <c>Vmem</c>, <c>Isyn</c>, <c>Isyn2</c> (two-synapse configurations), <c>Spikes</c>, <c>Vmem_out</c>,
/// <c>Isyn_out</c>, each <c>(T, N)</c>.</summary>
internal sealed class XyloRecorder(int steps, XyloSimNetwork net)
{
    private readonly int[,] vmem = new int[steps, net.Nhid], isyn = new int[steps, net.Nhid], spikes = new int[steps, net.Nhid];
    private readonly int[,]? isyn2 = net.Nsyn > 1 ? new int[steps, net.Nhid] : null;
    private readonly int[,] vmemOut = new int[steps, net.Nout], isynOut = new int[steps, net.Nout];

    public void Capture(int t, int[] synapses, int[] membrane, int[] counts, int[] synOut, int[] memOut)
    {
        int n = net.Nhid;
        for (int i = 0; i < n; i++)
        {
            vmem[t, i] = membrane[i];
            isyn[t, i] = synapses[i];
            spikes[t, i] = counts[i];
            if (isyn2 is not null) isyn2[t, i] = synapses[n + i];
        }
        for (int o = 0; o < net.Nout; o++)
        {
            vmemOut[t, o] = memOut[o];
            isynOut[t, o] = synOut[o];
        }
    }

    public IReadOnlyDictionary<string, int[,]> Result()
    {
        var r = new Dictionary<string, int[,]> { ["Vmem"] = vmem, ["Isyn"] = isyn };
        if (isyn2 is not null) r["Isyn2"] = isyn2;
        r["Spikes"] = spikes;
        r["Vmem_out"] = vmemOut;
        r["Isyn_out"] = isynOut;
        return r;
    }
}
