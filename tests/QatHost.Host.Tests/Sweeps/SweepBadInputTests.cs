using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.Sweeps;

/// <summary>Bad input to <c>qathost sweep</c> and <c>--param</c>: one clear line, exit 2, nothing written.</summary>
public class SweepBadInputTests
{
    private static (CliResult Result, string Directory) SweepInto(params string[] args)
    {
        string dir = Path.Combine(TemporaryFolder.Create("sweep-bad"), "out");
        return (SweepRun.Sweep([SweepRun.Script, "--out", dir, .. args]), dir);
    }

    [Fact]
    public void A_parameter_the_script_never_reads_is_named_before_any_trial_runs()
    {
        var (result, dir) = SweepInto("--param", "bitz=2,3");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.ShouldBe([$"qathost sweep: error: --param bitz: {SweepRun.Script} never reads a parameter \"bitz\" " +
            "(it reads bits, seed, hold); check the name against its Param(\"...\") calls."]);
        Directory.Exists(dir).ShouldBeFalse();
    }

    [Theory]
    [InlineData(new string[0], "nothing to sweep: give at least one --param NAME=VALUES, e.g. --param bits=2,4,8 --param seed=1..3.")]
    [InlineData(new[] { "--param", "seed=3..1" }, "--param seed=3..1: the range 3..1 is empty (write it low..high).")]
    [InlineData(new[] { "--param", "bits=" }, "--param bits=: no values; give a list (2,4,8), a range (1..3) or one value.")]
    [InlineData(new[] { "--param", "bits=2,,4" }, "--param bits=2,,4: an empty value in the list; separate values with single commas.")]
    [InlineData(new[] { "--param", "bits=2", "--param", "bits=3" }, "--param bits=3: parameter \"bits\" is given twice; list all its values in one --param.")]
    [InlineData(new[] { "--param", "bits=2", "--partition", "gpu" }, "--partition: the local executor does not take this option.")]
    [InlineData(new[] { "--param", "bits=2", "--executor", "condor" }, "--executor condor: no such executor; available: local, slurm.")]
    public void An_empty_or_malformed_grid_is_one_line_and_writes_nothing(string[] args, string message)
    {
        var (result, dir) = SweepInto(args);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.ErrorLines.ShouldBe(["qathost sweep: error: " + message]);
        Directory.Exists(dir).ShouldBeFalse();
    }

    [Fact]
    public void The_slurm_executor_without_sbatch_on_PATH_says_so_and_writes_nothing()
    {
        string dir = Path.Combine(TemporaryFolder.Create("sweep-bad"), "out");
        var result = QatHostProcess.Run(["sweep", SweepRun.Script, "--param", "bits=2", "--executor", "slurm", "--out", dir],
            environment: new Dictionary<string, string> { ["PATH"] = TemporaryFolder.Create("empty-path") });

        result.ExitCode.ShouldBe(2, result.ToString());
        result.ErrorLines.ShouldBe(["qathost sweep: error: sbatch: not found on PATH; the slurm executor needs the Slurm client tools " +
            "(run qathost sweep on a login node of the cluster)."]);
        Directory.Exists(dir).ShouldBeFalse();
    }

    [Fact]
    public void An_out_folder_that_cannot_be_created_is_one_line()
    {
        string file = Path.Combine(TemporaryFolder.Create("sweep-bad"), "a-file");
        File.WriteAllText(file, "not a folder");
        string dir = Path.Combine(file, "out");

        var result = SweepRun.Sweep(SweepRun.Script, "--param", "bits=2", "--out", dir);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.ErrorLines.Count.ShouldBe(1);
        result.ErrorLines[0].ShouldStartWith($"qathost sweep: error: --out {dir}: cannot write there (");
        File.ReadAllText(file).ShouldBe("not a folder");
    }

    [Fact]
    public void A_value_that_does_not_parse_as_the_parameter_type_names_the_parameter_and_type()
    {
        var result = QatHostProcess.Run("run", SweepRun.Script, "--param", "bits=two");

        result.ExitCode.ShouldBe(1);
        result.ErrorLines[0].ShouldBe($"{SweepRun.Script}:6:12: error: --param bits=two: \"two\" is not an int (Param<int>(\"bits\", ...)).");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public void A_param_given_to_run_that_the_script_never_reads_fails_the_run_naming_it()
    {
        var result = QatHostProcess.Run("run", SweepRun.Script, "--param", "bits=2", "--param", "bitz=3");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.ShouldBe(["qathost: error: --param bitz: the script never reads this parameter (it reads bits, hold, seed); " +
            "check the name against its Param(\"...\") calls."]);
        result.OutputLines.ShouldBe(["[report] error = 0.124902", "[report] levels = 4"]);
    }

    [Fact]
    public void Params_given_to_run_reach_the_script()
    {
        var result = QatHostProcess.Run("run", SweepRun.Script, "--param", "bits=3", "--param", "seed=2");

        result.ExitCode.ShouldBe(1);
        result.ErrorLines[0].ShouldEndWith("error: deliberate failure: bits=3 with seed=2");
    }
}

/// <summary><c>QATHOST_THREADS</c>, which sweeps set for each trial, limits torch's threads.</summary>
public class TrialThreadsTests
{
    [Fact]
    public void QATHOST_THREADS_sets_torch_threads()
    {
        var result = QatHostProcess.Run(["repl"], input: "Print(torch.get_num_threads());\n",
            environment: new Dictionary<string, string> { ["QATHOST_THREADS"] = "3" });

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines.ShouldContain("3");
    }

    [Fact]
    public void QATHOST_THREADS_that_is_not_a_positive_number_is_one_line()
    {
        var result = QatHostProcess.Run(["run", "scripts/hello.csx"], environment: new Dictionary<string, string> { ["QATHOST_THREADS"] = "0" });

        result.ExitCode.ShouldBe(2);
        result.ErrorLines[0].ShouldBe("qathost: error: QATHOST_THREADS=0: expected a positive number of threads.");
    }
}
