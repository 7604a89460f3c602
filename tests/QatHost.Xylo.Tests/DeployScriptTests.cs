using System.Text;
using QatHost.Sdk.Engine;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;

namespace QatHost.Xylo.Tests;

/// <summary>The deployment path in-process on an untrained network: map, quantise, simulate, export, read back.
/// (scripts/deploy-xylo.csx, which trains first, runs through the real host in PluginScriptExamplesTests.)</summary>
public class DeployScriptTests
{
    [Fact]
    public void The_deploy_script_maps_quantises_simulates_and_exports()
    {
        var printed = new StringBuilder();
        void Print(object value) => printed.AppendLine(value.ToString());

        torch.manual_seed(42);
        var hidden = new { leakMode = LeakMode.Bitshifts, dashMem = 4.0, dashSyn = 2.0 };
        using var net = Sequential(
            LinearTorch(16, 32),
            LIFTorch(32, leakMode: hidden.leakMode, dashMem: hidden.dashMem, dashSyn: hidden.dashSyn, maxSpikesPerDt: 31),
            Residual(
                LinearTorch(32, 32),
                LIFTorch(32, hasRec: true, leakMode: hidden.leakMode, dashMem: hidden.dashMem, dashSyn: hidden.dashSyn, maxSpikesPerDt: 31)),
            LinearTorch(32, 4),
            LIFTorch(4, leakMode: hidden.leakMode, dashMem: hidden.dashMem, dashSyn: hidden.dashSyn, maxSpikesPerDt: 1));
        Print(net);

        var spec = Xylo.Map(net, target: XyloTarget.XyloAudio2);
        Print(spec.Report());

        var config = Xylo.Quantise(spec);
        Print(config.Report());

        var rng = new Random(7);
        var raster = new int[200, 16];
        for (int t = 0; t < 200; t++)
            for (int c = 0; c < 16; c++)
                raster[t, c] = rng.NextDouble() < 0.15 ? rng.Next(1, 3) : 0;

        var chip = Xylo.Simulator(config);
        var run = chip.Evolve(raster, record: true);
        var floatOut = net.Evolve(torch.tensor(raster.Cast<int>().Select(x => (float)x).ToArray(), [200, 16])).Output;
        var floatCounts = floatOut.sum(1).squeeze(0).data<float>().ToArray();
        var chipCounts = run.OutputCounts();
        Print("(the chip delivers each hidden layer's spikes one step later than the float network)");
        for (int o = 0; o < chipCounts.Length; o++)
            Print($"output {o}: float network {floatCounts[o]} spikes, chip {chipCounts[o]} spikes");

        var folder = Directory.CreateTempSubdirectory("qathost-out-").FullName;
        var file = Path.Combine(folder, "deploy-xylo.json");
        config.Export(file);
        var again = Xylo.Simulator(XyloConfig.Import(file)).Evolve(raster);
        Print(again.Output.Cast<int>().SequenceEqual(run.Output.Cast<int>())
            ? $"exported {file}; reading it back simulates identically"
            : $"exported {file}; reading it back simulates DIFFERENTLY");

        File.WriteAllText(Path.Combine(Path.GetTempPath(), "deploy-xylo-output.txt"), printed.ToString());
        printed.ToString().ShouldContain("reading it back simulates identically");
        spec.Warnings.ShouldBeEmpty();
        chipCounts.ShouldBe([0, 197, 195, 1]);
        floatCounts.ShouldBe([6, 197, 191, 1]);
        floatCounts.Sum().ShouldBeGreaterThan(0);
        Directory.Delete(folder, recursive: true);
    }
}
