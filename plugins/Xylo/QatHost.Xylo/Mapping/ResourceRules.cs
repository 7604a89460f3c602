namespace QatHost.Xylo.Mapping;

/// <summary>
/// Resource checks on the assembled matrices (Xylo spec 2 and 4.3), shared by the mapper (float values)
/// and the configuration validator (integers): input/output projection limits, recurrent fan-out per
/// source neuron, recurrent weight memory per synapse bank, alias targets.
/// </summary>
internal static class ResourceRules
{
    /// <summary>Runs the checks. <c>nonZeroRec(source, target, synapse)</c> says whether a recurrent weight is
    /// non-zero; <c>hiddenModules</c> holds the module path per hidden neuron (empty when unknown).</summary>
    public static void Check(XyloTarget target, int nhid, int nsyn, int nien, int noen, Func<int, int, int, bool> nonZeroRec,
        int[][] aliases, string[] hiddenModules, string rootPath, ViolationList v)
    {
        string PathOf(int id) => id < hiddenModules.Length && hiddenModules[id] != "" ? hiddenModules[id] : rootPath;

        if (target.InputExpansionNeurons is { } ien && nien > ien)
            v.Error(PathOf(nien - 1), $"le_{ien}_input_expansion_neurons", $"{nien} hidden neurons receive input", $"first {ien}",
                $"{target.DisplayName} delivers input to the first {ien} hidden neurons only: make the first LIF layer at most {ien} wide");
        if (target.OutputExpansionNeurons is { } oen && noen > oen)
            v.Error(PathOf(nhid - noen), $"le_{oen}_output_expansion_neurons", $"{noen} hidden neurons drive outputs", $"last {oen}",
                $"{target.DisplayName} reads outputs from the last {oen} hidden neurons only: make the layer before the output layer at most {oen} wide");

        var fanOut = new int[nhid];
        var perBank = new int[nsyn];
        for (int i = 0; i < nhid; i++)
            for (int j = 0; j < nhid; j++)
                for (int k = 0; k < nsyn; k++)
                    if (nonZeroRec(i, j, k)) { fanOut[i]++; perBank[k]++; }
        if (target.MaxFanOut is { } maxFan)
            v.PerNeuron(hiddenModules, fanOut, f => f <= maxFan, "recurrent_fan_out", "fan-out of hidden neuron", $"{maxFan}",
                $"a hidden neuron may drive at most {maxFan} recurrent weights (non-zero entries of its W_rec row); prune or narrow the next layer",
                worse: f => f, fallbackPath: rootPath);
        if (target.RecurrentWeightsPerBank is { } bank)
            for (int k = 0; k < nsyn; k++)
                if (perBank[k] > bank)
                    v.Error(rootPath, "recurrent_weight_memory", $"{perBank[k]} non-zero recurrent weights on synapse {k + 1}", $"{bank}",
                        $"{target.DisplayName} stores at most {bank} recurrent weights per synapse bank; prune hidden-to-hidden weights");

        var targetCounts = aliases.Select(a => a.Length).ToArray();
        v.PerNeuron(hiddenModules, targetCounts, c => c <= 1, "one_alias_target", "alias targets of hidden neuron", "1",
            "a hidden neuron can alias to one target only: do not nest residual blocks that start at the same layer",
            worse: c => c, fallbackPath: rootPath);
        for (int i = 0; i < aliases.Length; i++)
            foreach (int t in aliases[i])
            {
                if (t < 0 || t >= nhid)
                    v.Error(PathOf(i), "alias_target_exists", $"alias {i} -> {t}", $"0..{nhid - 1}", "an alias must target a hidden neuron");
                else if (t <= i)
                    v.Error(PathOf(i), "alias_target_increasing_id", $"alias {i} -> {t}", $"target > {i}",
                        t == 0 ? "aliases go to higher neuron IDs only, and target 0 means \"no alias\" to the chip"
                               : "aliases go to higher neuron IDs only (XyloAudio 2 training notebook)");
            }
    }
}
