using System.Text.Json.Nodes;
using QatHost.Sdk.Transforms;

namespace QatHost.Transforms.Tests.Golden;

/// <summary>The QatHost transform that corresponds to a golden case's Rockpool function and keyword arguments.</summary>
public static class GoldenTransforms
{
    /// <summary>The transform for <c>fn(**kwargs)</c>.</summary>
    public static Transform For(JsonObject goldenCase)
    {
        string fn = goldenCase["fn"]!.GetValue<string>();
        var kwargs = goldenCase["kwargs"]!.AsObject();
        return fn switch
        {
            "deterministic_rounding" => Rounding.Deterministic(Int(kwargs, "num_levels", 256), Range(kwargs, "input_range"),
                Range(kwargs, "output_range"), Bool(kwargs, "maintain_zero", true)),
            "stochastic_rounding" => Rounding.Stochastic(Int(kwargs, "num_levels", 256), Range(kwargs, "input_range"),
                Range(kwargs, "output_range"), Bool(kwargs, "maintain_zero", true)),
            "stochastic_channel_rounding" => Rounding.StochasticPerChannel(Range(kwargs, "output_range")!.Value,
                Int(kwargs, "num_levels", 256), Bool(kwargs, "maintain_zero", true)),
            "int_quant" => Quantise.Integer(Int(kwargs, "n_bits", 8), Bool(kwargs, "maintain_zero", true),
                Bool(kwargs, "map_to_max", false), Int(kwargs, "max_n_bits", 8)),
            // t_decay's dt cancels out of the result (spec 6.7), so Decay.ToBitshift() has no dt.
            "t_decay" => Decay.ToBitshift(),
            "round_passthrough" => Passthrough.Round(),
            "floor_passthrough" => Passthrough.Floor(),
            "make_backward_passthrough(lambda t: t*t)" => Passthrough.Of(t => t * t, "square"),
            "dropout" => Dropout.Bernoulli(kwargs["dropout_prob"]!.GetValue<double>()),
            _ => throw new NotSupportedException($"golden transform function {fn}"),
        };
    }

    private static int Int(JsonObject kwargs, string key, int fallback) => kwargs[key]?.GetValue<int>() ?? fallback;

    private static bool Bool(JsonObject kwargs, string key, bool fallback) => kwargs[key]?.GetValue<bool>() ?? fallback;

    private static (double Min, double Max)? Range(JsonObject kwargs, string key) =>
        kwargs[key] is JsonArray r ? (r[0]!.GetValue<double>(), r[1]!.GetValue<double>()) : null;
}
