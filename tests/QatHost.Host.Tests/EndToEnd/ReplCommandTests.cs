using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary><c>qathost repl</c> with piped input, as scripts and CI drive it.</summary>
public class ReplCommandTests
{
    [Fact]
    public void A_piped_session_carries_state_continues_multi_line_input_and_prints_values()
    {
        string input = """
            var net = Sequential(
                LinearTorch(3, 5),
                LIFTorch(5));
            net
            var output = net.Evolve(torch.ones(1, 4, 3)).Output;
            output.shape.Length
            """;

        var result = QatHostProcess.Run(["repl"], input: input + "\n");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldBe(
        [
            "TorchSequential  with shape (3, 5) {",
            "    LinearTorch '0_LinearTorch' with shape (3, 5)",
            "    LIFTorch '1_LIFTorch' with shape (5, 5)",
            "}",
            "3",
        ]);
    }

    [Fact]
    public void An_error_is_printed_with_its_submission_line_and_the_session_continues()
    {
        string input = "var net = Sequential(LinearTorch(3, 5), LIFTorch(5));\nnet.Evolv(1)\nnet.Evolve(torch.ones(1, 2, 9))\n1 + 1\n";

        var result = QatHostProcess.Run(["repl"], input: input);

        result.ExitCode.ShouldBe(1);
        result.OutputLines.ShouldBe(["2"]);
        result.ErrorLines[0].ShouldStartWith("repl[2]:1:5: error CS1061: 'Sequential' does not contain a definition for 'Evolv'");
        result.ErrorLines.Skip(1).ShouldBe(
        [
            "    1 | net.Evolv(1)",
            "      |     ^^^^^",
            "repl[3]:1:5: error: 0_LinearTorch: input has wrong neuron dimension: it is 9, must be 3 (input shape (1, 2, 9)).",
            "    1 | net.Evolve(torch.ones(1, 2, 9))",
            "      |     ^^^^^^",
        ]);
    }

    [Fact]
    public void Help_load_reset_and_quit_work_as_commands()
    {
        string input = "#help\n#load \"tests/Fixtures/Scripts/LoadsHelper/helpers/network.csx\"\n" +
                       "SmallNetwork(3).SizeOut\n#reset\nvar after = 7;\nafter\n#quit\nPrint(\"not reached\");\n";

        var result = QatHostProcess.Run(["repl"], input: input);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines[0].ShouldBe("Enter C# statements or expressions; an expression without a semicolon prints its value.");
        result.OutputLines.ShouldContain("  #reset             drop every variable and function, and free their memory");
        result.OutputLines.TakeLast(3).ShouldBe(["3", "State reset: every variable and function is gone.", "7"]);
    }

    [Fact]
    public void Plugins_command_in_the_repl_lists_the_loaded_plugins()
    {
        string plugins = FixturePlugins.Folder("AcmeClipping");

        var result = QatHostProcess.Run(["--plugins", plugins, "repl"], input: "#plugins\nClipping.Symmetric(limit: 2.0)\n");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldContain("    transforms: Clipping.Symmetric");
        result.OutputLines[^1].ShouldBe("Clipping.Symmetric(limit: 2)");
    }
}
