using System.Globalization;
using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>The MNIST study and the MNIST Xylo deployment, in their quick modes, through the real CLI.</summary>
public class MnistScriptTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);   // quick modes: ~1 min on 2 cores, 4+ when 8 jobs share them

    [Fact]
    public void The_quick_qat_study_writes_one_csv_row_per_network_a_plot_and_a_table()
    {
        string folder = TemporaryFolder.Create("mnist-qat");

        var result = QatHostProcess.Run(["run", Repository.Path("scripts/mnist-qat.csx"), "--", "--quick"],
            workingDirectory: folder, timeout: Limit);

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = File.ReadAllLines(Path.Combine(folder, "results", "mnist-qat.csv"));
        lines[0].ShouldBe("method,bits,seed,accuracy");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        rows.Count.ShouldBe(1 + 4 * 6);                                   // float, then (ptq + 5 QAT methods) at 4 widths
        rows.ShouldAllBe(r => r.Length == 4 && r[2] == "1");
        rows[0][0].ShouldBe("float");
        rows[0][1].ShouldBe("");
        rows.Skip(1).Select(r => r[0]).Distinct().ShouldBe(["ptq", "ste", "stochastic", "per-channel", "lsq", "schedule"]);
        rows.Skip(1).Select(r => r[1]).Distinct().ShouldBe(["2", "3", "4", "8"]);   // the hard cases first
        var accuracy = rows.ToDictionary(r => $"{r[0]} {r[1]}", r => double.Parse(r[3], CultureInfo.InvariantCulture));
        accuracy.Values.ShouldAllBe(a => a >= 0 && a <= 1);
        accuracy["float "].ShouldBeGreaterThan(0.6, "500 training digits, 2 epochs: well above chance (0.1)");
        Math.Abs(accuracy["ptq 8"] - accuracy["float "]).ShouldBeLessThan(0.02, "8-bit rounding barely changes the network");
        new FileInfo(Path.Combine(folder, "results", "mnist-qat.png")).Length.ShouldBeGreaterThan(10_000);
        var table = result.OutputLines.SkipWhile(l => !l.StartsWith("accuracy on 2000 test digits, mean ± std over seeds 1")).ToList();
        table.Count.ShouldBeGreaterThan(6, result.ToString());
        table[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["bits", "float", "ptq", "ste", "stochastic", "per-channel", "lsq", "schedule"]);
        table.Skip(2).Take(4).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ShouldBe(["8", "4", "3", "2"]);
    }

    [Fact]
    public void The_quick_xylo_mnist_deployment_simulates_the_chip_and_exports()
    {
        var result = QatHostProcess.Run(["run", "scripts/deploy-xylo-mnist.csx", "--", "--quick"], timeout: Limit);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldContain("  inputs 16/16, hidden neurons 64/1000, outputs 8/8, synapses per neuron 1/2");
        result.Output.ShouldContain("Xylo.HopDelay(1 step)");
        var line = result.OutputLines.Single(l => l.StartsWith("accuracy over 400 samples: "));
        line.ShouldMatch(@"^accuracy over 400 samples: float \d+\.\d %, fake-quantised \d+\.\d %, chip \d+\.\d %$");
        double Percent(string name) => double.Parse(line.Split(name + " ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        Percent("chip").ShouldBeGreaterThan(20, "above chance (12.5 %) after two short epochs");
        Math.Abs(Percent("chip") - Percent("fake-quantised")).ShouldBeLessThan(5, "the fake-quantised network models the chip");
        result.OutputLines[^1].ShouldEndWith("reading it back simulates identically");
    }

    [Fact]
    public void The_relu_bound_trains_the_same_size_non_spiking_network_and_writes_no_csv()
    {
        string folder = TemporaryFolder.Create("mnist-relu");

        var result = QatHostProcess.Run(["run", Repository.Path("scripts/mnist-qat.csx"), "--", "--quick", "--relu"],
            workingDirectory: folder, timeout: Limit);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldContain(l => l.Contains("relu (non-spiking) seed 1"));
        var line = result.OutputLines.Single(l => l.StartsWith("non-spiking bound (ReLU hidden layer, same budget) on 2000 test digits: "));
        double mean = double.Parse(line.Split(": ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        mean.ShouldBeGreaterThan(60, "500 training digits, 2 epochs: well above chance (10 %)");
        mean.ShouldBeLessThanOrEqualTo(100);
        File.Exists(Path.Combine(folder, "results", "mnist-qat.csv")).ShouldBeFalse("the bound adds no rows to the study's CSV");
    }

    [Theory]
    [InlineData("--rnn", "RNN (64 tanh units)")]
    [InlineData("--gru", "GRU (64 units)")]
    public void The_recurrent_bounds_train_a_non_spiking_network_of_the_chip_networks_size_and_export_nothing(string option, string kind)
    {
        var result = QatHostProcess.Run(["run", "scripts/deploy-xylo-mnist.csx", "--", "--quick", option], timeout: Limit);

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = result.OutputLines.Where(l => l.StartsWith($"non-spiking {kind}, epoch ")).ToList();
        lines.Count.ShouldBe(2, result.ToString());                       // --quick: 2 epochs
        double last = double.Parse(lines[^1].Split(": ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        last.ShouldBeGreaterThan(12.5, "above chance after two epochs");
        lines[^1].ShouldEndWith("% of 400 test digits");
        result.Output.ShouldNotContain("exported");
        result.Output.ShouldNotContain("Xylo.HopDelay");                 // no spiking network was built or prepared
    }
}
