using System.Text;
using QatHost.Sdk.Hardware;

namespace QatHost.Xylo;

/// <summary>Renders specifications and configurations for <c>Print</c>: neuron allocation per layer,
/// resources used against the chip's limits, quantisation findings and warnings.</summary>
internal static class XyloReport
{
    public static string Describe(XyloSpec s)
    {
        var text = Header(s.Target, s.Nin, s.Nhid, s.Nout, s.Nsyn, s.Dt, s.Aliases, (i, j, k) => s.WeightsRec[i, j, k] != 0);
        Allocation(text, s.HiddenModules, s.OutputModules, s.Target);
        Warnings(text, s.Warnings);
        return text.ToString().TrimEnd();
    }

    public static string Describe(XyloConfig c)
    {
        var text = Header(c.Target, c.InputChannels, c.Nhid, c.OutputChannels, c.Nsyn, c.Dt, c.Aliases, (i, j, k) => c.WeightsRec[i, j, k] != 0);
        Allocation(text, c.HiddenModules, c.OutputModules, c.Target);
        text.AppendLine($"  weight shifts: in {c.WeightShiftIn}, rec {c.WeightShiftRec}, out {c.WeightShiftOut}");
        text.AppendLine($"  thresholds: hidden {Range(c.Threshold)}, output {Range(c.ThresholdOut)}; dashes mem {Range(c.DashMem)}, syn {Range(c.DashSyn)}");
        text.AppendLine("  " + c.Quantisation.ToString().Replace("\n", "\n  "));
        Warnings(text, c.Warnings);
        return text.ToString().TrimEnd();
    }

    private static StringBuilder Header(XyloTarget t, int nin, int nhid, int nout, int nsyn, double dt, int[][] aliases, Func<int, int, int, bool> nonZero)
    {
        int maxFan = 0, total = 0;
        for (int i = 0; i < nhid; i++)
        {
            int fan = 0;
            for (int j = 0; j < nhid; j++)
                for (int k = 0; k < nsyn; k++) if (nonZero(i, j, k)) fan++;
            maxFan = Math.Max(maxFan, fan);
            total += fan;
        }
        var text = new StringBuilder($"{t.DisplayName} ({t.Chip}), dt {dt * 1e3:0.###} ms\n");
        text.AppendLine($"  inputs {nin}/{t.InputChannels}, hidden neurons {nhid}/{t.HiddenNeurons}, outputs {nout}/{t.OutputNeurons}, synapses per neuron {nsyn}/{t.SynapsesPerHiddenNeuron}");
        text.AppendLine($"  recurrent weights {total}, largest fan-out {maxFan}/{t.MaxFanOut?.ToString() ?? "-"}, aliases {aliases.Sum(a => a.Length)}");
        return text;
    }

    private static void Allocation(StringBuilder text, string[] hidden, string[] outputs, XyloTarget t)
    {
        foreach (var g in hidden.Select((m, i) => (m, i)).GroupBy(x => x.m))
            text.AppendLine($"  hidden {g.Min(x => x.i)}-{g.Max(x => x.i)}: {(g.Key == "" ? "(unknown)" : g.Key)}");
        foreach (var g in outputs.Select((m, i) => (m, i)).GroupBy(x => x.m))
            text.AppendLine($"  output {g.Min(x => x.i)}-{g.Max(x => x.i)} (IDs {t.HiddenNeurons + g.Min(x => x.i)}-{t.HiddenNeurons + g.Max(x => x.i)}): {(g.Key == "" ? "(unknown)" : g.Key)}");
    }

    private static void Warnings(StringBuilder text, IReadOnlyList<DesignRuleViolation> warnings)
    {
        foreach (var w in warnings) text.AppendLine("  warning: " + w);
    }

    private static string Range(int[] values) =>
        values.Length == 0 ? "-" : values.Min() == values.Max() ? $"{values[0]}" : $"{values.Min()}..{values.Max()}";
}
