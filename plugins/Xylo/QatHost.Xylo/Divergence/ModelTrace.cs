using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Xylo.Training;
using static TorchSharp.torch;

namespace QatHost.Xylo.Divergence;

/// <summary>
/// One torch network's run over a sample, rearranged by hardware neuron ID so that it lines up with the chip's
/// record: hidden spikes <c>[T, Nhid]</c> including alias credit in ID order capped at 31 (what the chip records,
/// spec 8.6), hidden Vmem, output spikes and output Vmem <c>[T, Nout]</c>.
/// </summary>
internal sealed class ModelTrace
{
    private ModelTrace(int steps, XyloConfig config)
    {
        Spikes = new double[steps, config.Nhid];
        Vmem = new double[steps, config.Nhid];
        Out = new double[steps, config.OutputChannels];
        VmemOut = new double[steps, config.OutputChannels];
    }

    public double[,] Spikes { get; }
    public double[,] Vmem { get; }
    public double[,] Out { get; }
    public double[,] VmemOut { get; }

    /// <summary>Runs <paramref name="network"/> on <paramref name="input"/> <c>(T, C)</c> from reset state, with the
    /// chip's hop delay attached on a copy unless the network already models it.</summary>
    public static ModelTrace Run(Module network, XyloConfig config, Tensor input)
    {
        using var scope = NewDisposeScope();
        var timed = ModelsHopDelay(network) ? null : WithHopDelay(network, config);
        try
        {
            var net = timed ?? network;
            net.ResetState();
            EvolveResult result;
            using (no_grad()) result = net.Evolve(input, record: true);
            int steps = (int)input.shape[0];
            var trace = new ModelTrace(steps, config);
            Fill(result, config.HiddenModules, steps, trace.Spikes, trace.Vmem);
            Fill(result, config.OutputModules, steps, trace.Out, trace.VmemOut);
            for (int t = 0; t < steps; t++)
                for (int i = 0; i < config.Nhid; i++)
                    foreach (int a in config.Aliases[i])
                        trace.Spikes[t, a] = Math.Min(trace.Spikes[t, a] + trace.Spikes[t, i], config.Target.MaxHiddenSpikes);
            net.ResetState();
            return trace;
        }
        finally { timed?.Dispose(); }
    }

    /// <summary>Whether <paramref name="network"/> already delays its hidden spikes like the chip.</summary>
    public static bool ModelsHopDelay(Module network) =>
        network.AllModules().OfType<ActWrapper>().Any(a => a.Transforms.Any(t => t is HopDelay));

    /// <summary>A copy of <paramref name="network"/> with the hop delay on every hidden layer of <paramref name="config"/>.</summary>
    public static Module WithHopDelay(Module network, XyloConfig config)
    {
        var copy = network.Copy();
        foreach (string path in config.HiddenModules.Distinct()) copy.Module(path).Activity().Apply(new HopDelay());
        return copy;
    }

    /// <summary>Copies each module's recorded spikes and vmem into the columns of its IDs (ascending = neuron order).</summary>
    private static void Fill(EvolveResult result, string[] modules, int steps, double[,] spikes, double[,] vmem)
    {
        foreach (var group in Enumerable.Range(0, modules.Length).GroupBy(i => modules[i]))
        {
            var ids = group.OrderBy(i => i).ToArray();
            var s = Flat(result.Record[group.Key + "/spikes"]);
            var v = Flat(result.Record[group.Key + "/vmem"]);
            for (int t = 0; t < steps; t++)
                for (int j = 0; j < ids.Length; j++)
                {
                    spikes[t, ids[j]] = s[t * ids.Length + j];
                    vmem[t, ids[j]] = v[t * ids.Length + j];
                }
        }
    }

    private static double[] Flat(Tensor t) => t.detach().to_type(ScalarType.Float64).contiguous().flatten().data<double>().ToArray();
}
