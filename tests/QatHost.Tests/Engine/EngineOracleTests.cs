using QatHost.Sdk.Engine;
using QatHost.Tests.Oracle;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>Every LIF, Linear and seed-network golden, run with each LIF kernel (fused and reference): outputs,
/// records, states, parameters and gradients equal Rockpool's (see <see cref="OracleRun"/> for the tolerances).</summary>
public class EngineOracleTests
{
    public static TheoryData<string, LifKernel> EngineCases
    {
        get
        {
            var cases = new TheoryData<string, LifKernel>();
            foreach (var row in OracleFiles.Named("lif_", "linear_", "seed_net_forward"))
                foreach (var kernel in Enum.GetValues<LifKernel>())
                    cases.Add(row, kernel);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(EngineCases))]
    public void Matches_rockpool(string @case, LifKernel kernel)
    {
        using var scope = NewDisposeScope();
        var golden = OracleFiles.Read(@case);

        var module = OracleModules.Build(golden["module"] ?? golden["network"]!);
        foreach (var lif in module.AllModules().OfType<LIFTorch>()) lif.Kernel = kernel;

        OracleRun.Check(@case, module, golden);
    }
}
