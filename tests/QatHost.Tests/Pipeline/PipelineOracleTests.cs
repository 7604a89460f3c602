using System.Text.Json.Nodes;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Sdk.Transforms;
using QatHost.Tests.Oracle;
using QatHost.Transforms;
using static TorchSharp.torch;

namespace QatHost.Tests.Pipeline;

/// <summary>The seed notebook network with Rockpool's transformation pipeline (seed_net_param_T, _act_T,
/// _decay_t_decay, _bitshift_round): outputs, records, states and gradients of the patched network, then the
/// burned-in values and the structure and parameters after removal.</summary>
public class PipelineOracleTests
{
    public static TheoryData<string> Cases => OracleFiles.Named("seed_net_param_T", "seed_net_act_T", "seed_net_decay_t_decay", "seed_net_bitshift_round");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Patched_network_matches_rockpool(string @case)
    {
        using var scope = NewDisposeScope();
        var golden = OracleFiles.Read(@case);

        var patched = Patch(@case, golden);

        OracleRun.Check(@case, patched, golden);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Burn_in_and_removal_match_rockpool(string @case)
    {
        using var scope = NewDisposeScope();
        var golden = OracleFiles.Read(@case);
        var patched = Patch(@case, golden);

        if (golden["remove_T_net_without_apply"] is { } unapplied)
        {
            var removedBefore = patched.Copy();
            removedBefore.RemoveTransforms();
            OracleStructure.Of(removedBefore).ShouldBe(OracleStructure.Of(unapplied["structure"]!), $"{@case}: remove without burn-in");
            OracleRun.CheckParameterValues($"{@case} remove without burn-in", removedBefore, unapplied["weights"]);
        }
        patched.BurnIn();

        if (golden["after_apply_T"] is not { } applied) return;
        if (applied["structure"] is { } structure) OracleStructure.Of(patched).ShouldBe(OracleStructure.Of(structure), $"{@case}: after burn-in");
        OracleRun.CheckParameterValues($"{@case} after burn-in", patched, applied["parameters"]);
        if (golden["after_remove_T_net"] is not { } removed) return;

        patched.RemoveTransforms();

        OracleStructure.Of(patched).ShouldBe(OracleStructure.Of(removed["structure"]!), $"{@case}: after removal");
        patched.ToString().ShouldBe(removed["repr"]!.GetValue<string>());
        OracleRun.CheckParameterValues($"{@case} after removal", patched, removed["parameters"]);
        patched.ResetState();
        OracleAssert.Exact($"{@case} after removal: output", patched.Evolve(ones(1, 10, 3)).Output,
            OracleTensor.Decode(removed["call_ones"]!["output"]!));
    }

    /// <summary>Applies the golden's transform (its <c>transform.api</c> and <c>T_fn</c>) with QatHost's API.</summary>
    private static Module Patch(string @case, JsonNode golden)
    {
        var net = OracleModules.Build(golden["transform"]!["untransformed_network"]!);
        return @case switch
        {
            "seed_net_param_T" => net.WithParameterTransforms(
                TransformConfig.ForParameters(net, Rounding.Deterministic(levels: 16), "weights")),
            "seed_net_act_T" => net.WithActivityTransforms(
                TransformConfig.ForActivities(net, Rounding.Deterministic(levels: 256, outputRange: (-128, 127)), typeof(LinearTorch))),
            "seed_net_decay_t_decay" => net.WithParameterTransforms(TransformConfig.ForParameters(net, Decay.ToBitshift(), "decays")),
            "seed_net_bitshift_round" => net.WithParameterTransforms(TransformConfig.ForParameters(net, Passthrough.Round(), "bitshifts")),
            _ => throw new InvalidOperationException(@case),
        };
    }
}
