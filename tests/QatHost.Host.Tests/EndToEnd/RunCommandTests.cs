using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary><c>qathost run</c>: diagnostics, exit codes, script arguments, #load.</summary>
public class RunCommandTests
{
    [Fact]
    public void Compile_error_names_file_line_column_and_code_then_shows_the_line_with_a_caret()
    {
        var result = QatHostProcess.Run("run", "tests/Fixtures/Scripts/CompileError/CompileError.csx");

        result.ExitCode.ShouldBe(1);
        result.ErrorLines.ShouldBe(
        [
            "tests/Fixtures/Scripts/CompileError/CompileError.csx:3:5: error CS1061: 'Sequential' does not contain a " +
            "definition for 'Evolv' and no accessible extension method 'Evolv' accepting a first argument of type " +
            "'Sequential' could be found (are you missing a using directive or an assembly reference?)",
            "    3 | net.Evolv(torch.ones(1, 10, 3));",
            "      |     ^^^^^",
        ]);
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public void Runtime_error_from_the_sdk_reports_the_script_line_that_made_the_call()
    {
        var result = QatHostProcess.Run("run", "tests/Fixtures/Scripts/ThrowsAtLine4/ThrowsAtLine4.csx");

        result.ExitCode.ShouldBe(1);
        result.OutputLines.ShouldBe(["built"]);
        result.ErrorLines.ShouldBe(
        [
            "tests/Fixtures/Scripts/ThrowsAtLine4/ThrowsAtLine4.csx:4:18: error: 0_LinearTorch: input has wrong " +
            "neuron dimension: it is 7, must be 3 (input shape (1, 10, 7)).",
            "    4 | var result = net.Evolve(torch.ones(1, 10, 7));",
            "      |                  ^^^^^^",
        ]);
    }

    [Fact]
    public void Runtime_error_shows_the_stack_trace_only_when_verbose()
    {
        var result = QatHostProcess.Run("--verbose", "run", "tests/Fixtures/Scripts/ThrowsAtLine4/ThrowsAtLine4.csx");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("at QatHost.Sdk.Engine.Module.Evolve(");
        result.Error.ShouldContain("ThrowsAtLine4.csx:line 4");
    }

    [Fact]
    public void Missing_script_is_a_bad_command_line_naming_the_file()
    {
        var result = QatHostProcess.Run("run", "scripts/no-such-script.csx");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.ShouldBe(["scripts/no-such-script.csx: error: script file not found"]);
    }

    [Fact]
    public void Unknown_option_exits_2_naming_the_option()
    {
        var result = QatHostProcess.Run("run", "scripts/hello.csx", "--bogus");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines[0].ShouldBe("qathost: error: Unrecognized option '--bogus' (script arguments go after --).");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_global_option_exits_2()
    {
        var result = QatHostProcess.Run("--bogus", "run", "scripts/hello.csx");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines[0].ShouldBe("qathost: error: Unrecognized command or argument '--bogus'.");
    }

    [Fact]
    public void Script_arguments_after_the_double_dash_reach_the_script()
    {
        var result = QatHostProcess.Run("run", "tests/Fixtures/Scripts/PrintsArgs/PrintsArgs.csx", "--", "--epochs", "3", "a b");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldBe(["3 args", "--epochs", "3", "a b"]);
    }

    [Fact]
    public void Load_directive_resolves_relative_to_the_script()
    {
        var result = QatHostProcess.Run("run", "tests/Fixtures/Scripts/LoadsHelper/LoadsHelper.csx");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines[0].ShouldBe("TorchSequential  with shape (2, 4) {");
    }

    [Fact]
    public void Help_lists_the_commands_and_global_options()
    {
        var result = QatHostProcess.Run("--help");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("run <file>");
        result.Output.ShouldContain("--plugins <DIR>");
        result.Output.ShouldContain("--seed <N>");
        result.Output.ShouldContain("Exit codes: 0 ok, 1 script or plugin error, 2 bad command line, 130 stopped on request (Ctrl-C, SIGTERM).");
    }

    [Fact]
    public void Version_prints_the_host_version()
    {
        var result = QatHostProcess.Run("--version");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldStartWith("0.1.0");
    }
}
