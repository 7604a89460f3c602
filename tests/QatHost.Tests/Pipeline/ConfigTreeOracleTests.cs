using System.Text.Json.Nodes;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Sdk.Transforms;
using QatHost.Tests.Oracle;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Tests.Pipeline;

/// <summary>config_trees.json: parameter family trees, parameter and activity configurations, and the
/// structures patching and removal produce, for five networks.</summary>
public class ConfigTreeOracleTests
{
    private static readonly JsonObject Golden = OracleFiles.Read("config_trees");

    public static TheoryData<string> Networks => new(Golden["networks"]!.AsObject().Select(n => n.Key));

    [Theory]
    [MemberData(nameof(Networks))]
    public void Parameter_family_trees_match_rockpool(string network)
    {
        var net = Build(network);

        foreach (var (key, expected) in Golden["parameter_families"]![network]!.AsObject())
            OracleStructure.Of(net.Parameters(Families(key)), OracleStructure.Shape)
                .ShouldBe(OracleStructure.Of(expected, OracleStructure.Shape), $"{network} {key}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Parameter_configurations_and_patched_structures_match_rockpool(string network)
    {
        var net = Build(network);

        foreach (var (key, expected) in Golden["param_T_config"]![network]!.AsObject())
        {
            var config = ParameterConfig(net, key);
            OracleStructure.Of(config, OracleStructure.Function).ShouldBe(OracleStructure.Of(expected, OracleStructure.Function), $"{network} {key}");
            if (Golden["param_T_network_structure"]![network]![key] is { } structure)
                OracleStructure.Of(net.WithParameterTransforms(config)).ShouldBe(OracleStructure.Of(structure), $"{network} {key} structure");
        }
        OracleStructure.Of(net).ShouldBe(OracleStructure.Of(Golden["networks"]![network]!), "the original network stays untouched");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Activity_configurations_and_patched_structures_match_rockpool(string network)
    {
        var net = Build(network);

        foreach (var (key, expected) in Golden["act_T_config"]![network]!.AsObject())
        {
            var config = key switch
            {
                "no_fn" => TransformConfig.ForActivities(net),
                "fn_all_modules" => TransformConfig.ForActivities(net, Marker),
                "fn_LinearTorch" => TransformConfig.ForActivities(net, Marker, typeof(LinearTorch)),
                "fn_LIFTorch" => TransformConfig.ForActivities(net, Marker, typeof(LIFTorch)),
                _ => throw new InvalidOperationException(key),
            };
            OracleStructure.Of(config, OracleStructure.Function).ShouldBe(OracleStructure.Of(expected, OracleStructure.Function), $"{network} {key}");
            OracleStructure.Of(net.WithActivityTransforms(config))
                .ShouldBe(OracleStructure.Of(Golden["act_T_network_structure"]![network]![key]!), $"{network} {key} structure");
        }
    }

    [Fact]
    public void Removing_transforms_restores_the_structure_and_the_plain_names()
    {
        var net = Build("seed_net");
        var removed = Golden["remove_T_net"]!;

        var patched = net.WithParameterTransforms(TransformConfig.ForParameters(net, Marker, "weights"));
        var acted = net.WithActivityTransforms(TransformConfig.ForActivities(net, Marker, typeof(LinearTorch)));

        patched.ToString().ShouldBe(removed["param_T_repr"]!.GetValue<string>());
        acted.ToString().ShouldBe(removed["act_T_repr"]!.GetValue<string>());
        patched.RemoveTransforms();
        acted.RemoveTransforms();
        OracleStructure.Of(patched).ShouldBe(OracleStructure.Of(removed["param_T_then_remove"]!));
        OracleStructure.Of(acted).ShouldBe(OracleStructure.Of(removed["act_T_then_remove"]!));
        patched.ToString().ShouldNotContain("'_mod'");
    }

    [Fact]
    public void Merging_configurations_appends_new_modules_after_existing_ones_as_tree_update_does()
    {
        var net = Build("seed_net");

        var merged = ParameterConfig(net, "tree_update(weights, thresholds)");

        merged.Keys.ShouldBe(["0_LinearTorch", "2_TorchResidual", "3_LinearTorch", "1_LIFTorch", "4_LIFTorch"]);
    }

    private static readonly Transform Marker = new MarkerTransform();

    /// <summary>Stands for Rockpool's T_fn in structure-only checks; never evaluated.</summary>
    private sealed class MarkerTransform() : Transform("T_fn")
    {
        public override Tensor Forward(Tensor value, TransformContext context) => throw new InvalidOperationException("structure only");
    }

    private static TransformConfig ParameterConfig(Module net, string key) => key switch
    {
        "tree_update(weights, biases)" => TransformConfig.ForParameters(net, Marker, "weights").Merge(TransformConfig.ForParameters(net, Marker, "biases")),
        "tree_update(weights, thresholds)" => TransformConfig.ForParameters(net, Marker, "weights").Merge(TransformConfig.ForParameters(net, Marker, "thresholds")),
        _ => TransformConfig.ForParameters(net, Marker, Families(key)),
    };

    private static string[] Families(string key) => key switch
    {
        "ALL(None)" => [],
        "('weights','bias')" => ["weights", "bias"],
        _ => [key],
    };

    /// <summary>The golden lists structure only; leak modes, recurrence and biases are read off its
    /// parameter tree ('ALL(None)').</summary>
    private static Module Build(string network) =>
        Build(Golden["networks"]![network]!, Golden["parameter_families"]![network]!["ALL(None)"]!);

    private static Module Build(JsonNode description, JsonNode parameters)
    {
        var shape = description["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
        var p = parameters.AsObject();
        var children = description["children"]?.AsArray().Select(c => Build(c!, parameters[c!["name"]!.GetValue<string>()]!)).ToArray();
        return description["class"]!.GetValue<string>() switch
        {
            "TorchSequential" => Sequential(children!),
            "TorchResidual" => Residual(children!),
            "LinearTorch" => LinearTorch(shape[0], shape[1], hasBias: p.ContainsKey("bias")),
            "LIFTorch" => LIFTorch(shape[0], shape[1], hasRec: p.ContainsKey("w_rec"),
                leakMode: p.ContainsKey("alpha") ? LeakMode.Decays : p.ContainsKey("dash_mem") ? LeakMode.Bitshifts : LeakMode.Taus),
            var other => throw new NotSupportedException(other),
        };
    }
}
