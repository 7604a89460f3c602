using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>What <c>qathost run</c> says about scripts that are not what they should be (empty, a directory, a
/// binary file, hundreds of errors) and about bad option values; exit codes as docs/host.md lists them.</summary>
public class ScriptFileProblemsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("// only a comment\n/* and another */\n")]
    [InlineData("using System.Text;\n")]
    public void A_script_with_nothing_to_run_runs_and_says_so(string text)
    {
        string folder = TemporaryFolder.Create("script");
        File.WriteAllText(Path.Combine(folder, "empty.csx"), text);

        var result = QatHostProcess.Run(["run", "empty.csx"], workingDirectory: folder);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldBeEmpty();
        result.ErrorLines.ShouldBe(["empty.csx: note: nothing to run: the script holds no statements (only comments, using directives or nothing)"]);
    }

    [Fact]
    public void A_directory_given_as_the_script_says_so_and_exits_2()
    {
        var result = QatHostProcess.Run("run", "scripts");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.ShouldBe(["scripts: error: is a directory, not a script file (name the .csx file to run)"]);
    }

    [Fact]
    public void An_unknown_option_before_the_script_is_named_as_an_option_not_as_a_missing_file()
    {
        var result = QatHostProcess.Run("run", "--bogus", "scripts/hello.csx");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines[0].ShouldBe("qathost: error: Unrecognized option '--bogus' (options of run are --plugins, --seed and --verbose).");
    }

    [Fact]
    public void A_binary_file_given_as_the_script_is_refused_as_not_text_in_one_line()
    {
        string folder = TemporaryFolder.Create("script");
        var bytes = new byte[2000];
        new Random(7).NextBytes(bytes);
        bytes[40] = 0;
        for (int i = 0; i < 40; i++) bytes[i] = (byte)'a';
        File.WriteAllBytes(Path.Combine(folder, "model.csx"), bytes);

        var result = QatHostProcess.Run(["run", "model.csx"], workingDirectory: folder);

        result.ExitCode.ShouldBe(1);
        result.ErrorLines.ShouldBe(
            ["model.csx: error: does not look like a text file (a NUL byte at offset 40); a script is C# source text, usually UTF-8"]);
    }

    [Fact]
    public void Hundreds_of_compile_errors_are_capped_at_20_with_a_count_of_the_rest()
    {
        string folder = TemporaryFolder.Create("script");
        File.WriteAllLines(Path.Combine(folder, "many.csx"), Enumerable.Range(1, 300).Select(i => $"undefined{i}();"));

        var result = QatHostProcess.Run(["run", "many.csx"], workingDirectory: folder);

        result.ExitCode.ShouldBe(1);
        result.ErrorLines.Count(l => l.StartsWith("many.csx:", StringComparison.Ordinal)).ShouldBe(20);
        result.ErrorLines[0].ShouldBe("many.csx:1:1: error CS0103: The name 'undefined1' does not exist in the current context");
        result.ErrorLines[^1].ShouldBe("... and 280 more (280 errors); fix the first ones, later errors often follow from them");
    }

    [Fact]
    public void Syntax_errors_print_before_the_semantic_errors_they_cause()
    {
        string folder = TemporaryFolder.Create("script");
        File.WriteAllText(Path.Combine(folder, "broken.csx"), "var a = undefinedName;\nvar b = (1 + ;\nPrint(b);\n");

        var result = QatHostProcess.Run(["run", "broken.csx"], workingDirectory: folder);

        result.ExitCode.ShouldBe(1);
        var headers = result.ErrorLines.Where(l => l.StartsWith("broken.csx:", StringComparison.Ordinal)).ToList();
        headers[0].ShouldStartWith("broken.csx:2:");
        headers[0].ShouldContain("error CS1525");
        headers.ShouldContain(l => l.StartsWith("broken.csx:1:9: error CS0103: The name 'undefinedName'"));
        headers.FindIndex(l => l.Contains("CS0103")).ShouldBeGreaterThan(headers.FindLastIndex(l => l.Contains("CS1525") || l.Contains("CS1026")));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public void A_seed_that_is_not_an_integer_says_so(string seed)
    {
        var result = QatHostProcess.Run("run", "--seed", seed, "scripts/hello.csx");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.ShouldBe(
        [
            $"qathost: error: --seed must be an integer (64-bit, negative allowed), e.g. --seed 42 (got '{seed}')",
            "Run 'qathost --help' for usage.",
        ]);
    }

    [Fact]
    public void A_negative_seed_is_a_seed_wherever_it_is_given()
    {
        string folder = TemporaryFolder.Create("script");
        File.WriteAllText(Path.Combine(folder, "random.csx"), "Print(torch.rand(4));\n");

        var first = QatHostProcess.Run(["run", "--seed", "-5", "random.csx"], workingDirectory: folder);
        var again = QatHostProcess.Run(["--seed", "-5", "run", "random.csx"], workingDirectory: folder);
        var positive = QatHostProcess.Run(["run", "random.csx", "--seed", "5"], workingDirectory: folder);

        first.ExitCode.ShouldBe(0, first.ToString());
        again.Output.ShouldBe(first.Output);
        positive.ExitCode.ShouldBe(0, positive.ToString());
        positive.Output.ShouldNotBe(first.Output);
    }
}
