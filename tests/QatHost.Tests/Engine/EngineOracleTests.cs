using QatHost.Tests.Oracle;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>Every LIF, Linear and seed-network golden: outputs, records, states, parameters and gradients
/// equal Rockpool's (see <see cref="OracleRun"/> for the tolerances).</summary>
public class EngineOracleTests
{
    public static TheoryData<string> EngineCases => OracleFiles.Named("lif_", "linear_", "seed_net_forward");

    [Theory]
    [MemberData(nameof(EngineCases))]
    public void Matches_rockpool(string @case)
    {
        using var scope = NewDisposeScope();
        var golden = OracleFiles.Read(@case);

        var module = OracleModules.Build(golden["module"] ?? golden["network"]!);

        OracleRun.Check(@case, module, golden);
    }
}
