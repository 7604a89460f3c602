using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>The examples that use the in-tree plugins (Transforms, Xylo) and training run through the real CLI.</summary>
public class PluginScriptExamplesTests
{
    [Fact]
    public void The_quant_torch_tour_prints_what_the_rockpool_notebook_prints()
    {
        var result = QatHostProcess.Run("run", "scripts/quant-torch-tour.csx");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldContain("0_LinearTorch → weight → Rounding.Stochastic(levels: 16)");
        result.OutputLines.ShouldContain("    TWrapper '0_LinearTorch' with shape (3, 5) {");
        result.OutputLines.ShouldContain("    ActWrapper '0_LinearTorch' with shape (3, 5) {");
        result.OutputLines.ShouldContain("4_LIFTorch → alpha → Decay.ToBitshift()");
        string tail = string.Join("\n", result.OutputLines.SkipWhile(l => !l.StartsWith("== burned-in decays")));
        tail.ShouldContain("tensor float32 ()\n0.75\ntensor float32 ()\n0.5");
        tail.ShouldContain("tensor float32 ()\n2\ntensor float32 ()\n4");
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public void Deploy_xylo_maps_quantises_simulates_and_exports()
    {
        var result = QatHostProcess.Run("run", "scripts/deploy-xylo.csx");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldContain("  output 0-3 (IDs 1000-1003): 4_LIFTorch");
        result.OutputLines[^1].ShouldEndWith("reading it back simulates identically");
        result.OutputLines.ShouldContain(l => l.StartsWith("divergence over one input: float network (F), fake-quantised network (Q), chip simulation (C)"));
        result.OutputLines.ShouldContain(l => l.StartsWith("4_LIFTorch (out) "));
        var accuracy = result.OutputLines.Single(l => l.StartsWith("accuracy over 120 samples: "));
        accuracy.ShouldMatch(@"^accuracy over 120 samples: float \d+\.\d %, fake-quantised \d+\.\d %, chip \d+\.\d %$");
        double chip = double.Parse(accuracy.Split("chip ")[1].TrimEnd(' ', '%'), System.Globalization.CultureInfo.InvariantCulture);
        chip.ShouldBeGreaterThan(60, "the chip-aware network should classify well above chance (25 %) on the simulated chip");
        result.Output.ShouldContain("Xylo.HopDelay(1 step)");
    }

    [Fact]
    public void Qat_versus_ptq_prints_its_accuracy_table_for_four_bit_widths()
    {
        var result = QatHostProcess.Run("run", "scripts/qat-vs-ptq.csx");

        result.ExitCode.ShouldBe(0, result.ToString());
        var table = result.OutputLines.SkipWhile(l => l != "bits   float     PTQ     QAT").ToList();
        table.Count.ShouldBe(5, result.ToString());
        table.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ShouldBe(["8", "4", "3", "2"]);
        result.Error.ShouldStartWith("epoch 1/10  loss "); // training progress goes to stderr, one line per epoch when redirected
        result.Output.ShouldNotContain("epoch 1/10  loss");
    }
}
