using System.Text.Json.Nodes;
using QatHost.Sdk.Engine;
using static QatHost.Sdk.Dsl.Builders;

namespace QatHost.Tests.Oracle;

/// <summary>Builds QatHost modules from the golden files' module descriptions, through the public builders.</summary>
public static class OracleModules
{
    /// <summary>The module a golden's <c>module</c> or <c>network</c> entry describes.</summary>
    public static Module Build(JsonNode description)
    {
        string kind = description["class"]!.GetValue<string>();
        return kind switch
        {
            "LinearTorch" => Linear(description),
            "LIFTorch" => Lif(description),
            "TorchSequential" => Sequential(Children(description)),
            "TorchResidual" => Residual(Children(description)),
            _ => throw new NotSupportedException($"golden module class {kind}"),
        };
    }

    private static Module[] Children(JsonNode description) =>
        description["children"]!.AsArray().Select(c => Build(c!)).ToArray();

    private static LinearTorch Linear(JsonNode description)
    {
        var shape = description["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
        var args = description["constructor_args"]!.AsObject();
        return LinearTorch(shape[0], shape[1],
            hasBias: args["has_bias"]?.GetValue<bool>() ?? false,
            weight: Arg(args, "weight"),
            bias: Arg(args, "bias"));
    }

    private static LIFTorch Lif(JsonNode description)
    {
        var shape = description["constructor_shape_arg"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
        var args = description["constructor_args"]!.AsObject();
        var known = new HashSet<string>
        {
            "tau_mem", "tau_syn", "alpha", "beta", "dash_mem", "dash_syn", "bias", "threshold", "has_rec", "w_rec",
            "noise_std", "leak_mode", "max_spikes_per_dt", "learning_window", "dt", "spike_generation_fn",
        };
        var unknown = args.Select(a => a.Key).Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0) throw new NotSupportedException("LIF golden arguments: " + string.Join(", ", unknown));
        return LIFTorch(shape[0], shape.Length > 1 ? shape[1] : null,
            tauMem: Arg(args, "tau_mem"), tauSyn: Arg(args, "tau_syn"),
            alpha: Arg(args, "alpha"), beta: Arg(args, "beta"),
            dashMem: Arg(args, "dash_mem"), dashSyn: Arg(args, "dash_syn"),
            bias: Arg(args, "bias"), threshold: Arg(args, "threshold"),
            hasRec: args["has_rec"]?.GetValue<bool>() ?? false, wRec: Arg(args, "w_rec"),
            noiseStd: args["noise_std"]?.GetValue<double>() ?? 0.0,
            leakMode: args["leak_mode"]?.GetValue<string>() switch
            {
                null or "taus" => LeakMode.Taus,
                "decays" => LeakMode.Decays,
                "bitshifts" => LeakMode.Bitshifts,
                var other => throw new NotSupportedException(other),
            },
            maxSpikesPerDt: args["max_spikes_per_dt"]?.GetValue<double>() ?? 65536.0,
            learningWindow: args["learning_window"]?.GetValue<double>() ?? 0.5,
            dt: args["dt"]?.GetValue<double>() ?? 1e-3,
            spikeGeneration: args["spike_generation_fn"]?.GetValue<string>() == "PeriodicExponential"
                ? SpikeGeneration.PeriodicExponential : SpikeGeneration.StepPWL);
    }

    private static ParamInit? Arg(JsonObject args, string name)
    {
        var node = args[name];
        if (node is null) return null;
        return OracleTensor.IsTensor(node) ? OracleTensor.Decode(node) : node.GetValue<double>();
    }
}
