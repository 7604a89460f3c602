using System.Globalization;
using QatHost.Host.Tests.Support;
using QatHost.Sdk.Sweeps;

namespace QatHost.Host.Tests.Sweeps;

/// <summary><c>qathost sweep</c> with the local executor, end to end through the real host.</summary>
[Collection(SweepCollection.Name)]
public class LocalSweepTests
{
    private static string FailingId => SweepGrid.TrialId([new("bits", "3"), new("seed", "2")]);

    [Fact]
    public void A_2x3_grid_records_every_trial_in_results_csv_and_the_failing_one_with_its_error()
    {
        var result = LocalGrid.Result;
        string dir = LocalGrid.Directory;

        result.ExitCode.ShouldBe(1, result.ToString()); // a trial failed
        SweepRun.Statuses(dir).ShouldBe(LocalGrid.ExpectedStatuses);
        var rows = SweepRun.Results(dir);
        rows[0].Keys.ShouldBe(["id", "bits", "seed", "error", "levels", "status", "exit_code"]);
        rows.Select(r => r["levels"]).ShouldBe(["4", "4", "4", "8", "", "8"]);
        rows.Select(r => r["exit_code"]).ShouldBe(["0", "0", "0", "0", "1", "0"]);
        rows[4]["id"].ShouldBe(FailingId);
        // Quantising N(0,1) noise to 2 bits (step 1/2) errs by about 1/8 on average, to 3 bits (step 1/4) by about 1/16.
        foreach (var row in rows.Where(r => r["status"] == "completed"))
            double.Parse(row["error"], CultureInfo.InvariantCulture).ShouldBe(row["bits"] == "2" ? 0.125 : 0.0625, 0.01);

        result.Error.ShouldContain($"{FailingId} | {SweepRun.Script}:9:29: error: deliberate failure: bits=3 with seed=2");
        File.ReadAllText(Path.Combine(dir, "trials", FailingId, "stderr.txt")).ShouldContain("deliberate failure");
        File.ReadAllText(Path.Combine(dir, "trials", rows[0]["id"], "stdout.txt")).ShouldContain("[report] error = ");
        File.Exists(Path.Combine(dir, "plots", "error.png")).ShouldBeTrue();
        File.Exists(Path.Combine(dir, "plots", "levels.png")).ShouldBeTrue();
    }

    [Fact]
    public void The_end_table_shows_mean_and_std_over_seed_of_the_completed_trials()
    {
        var rows = SweepRun.Results(LocalGrid.Directory);
        double[] two = rows.Where(r => r["bits"] == "2").Select(r => double.Parse(r["error"], CultureInfo.InvariantCulture)).ToArray();
        double mean = two.Average(), std = Math.Sqrt(two.Sum(v => (v - mean) * (v - mean)) / (two.Length - 1));

        string line = LocalGrid.Result.OutputLines.Single(l => l.Contains("│ 2 "));
        line.ShouldContain("│ 3/3 ");
        line.ShouldContain($"{mean.ToString("G4", CultureInfo.InvariantCulture)} ± {std.ToString("G4", CultureInfo.InvariantCulture)}");
        LocalGrid.Result.OutputLines.Single(l => l.Contains("│ 3 ")).ShouldContain("│ 2/3 ");
    }

    [Fact]
    public void Running_the_same_sweep_again_skips_completed_trials_and_rerun_failed_retries_only_the_failed_one()
    {
        string dir = Path.Combine(TemporaryFolder.Create("sweep-again"), "out");
        CopyFolder(LocalGrid.Directory, dir);
        var before = Directory.GetDirectories(Path.Combine(dir, "trials"))
            .ToDictionary(d => d, d => File.GetLastWriteTimeUtc(Path.Combine(d, "result.json")));

        var again = SweepRun.Sweep(SweepRun.Script, "--param", "bits=2,3", "--param", "seed=1..3", "--out", dir);
        again.ExitCode.ShouldBe(1, again.ToString());
        again.ErrorLines[0].ShouldEndWith($"6 trials, 0 to run (6 done before), local, 2 at once -> {dir}");
        before.ShouldAllBe(t => File.GetLastWriteTimeUtc(Path.Combine(t.Key, "result.json")) == t.Value);

        var rerun = SweepRun.Sweep(SweepRun.Script, "--param", "seed=1..3", "--param", "bits=2,3", "--out", dir, "--rerun-failed");
        rerun.ErrorLines[0].ShouldContain("6 trials, 1 to run (5 done before)");
        rerun.Error.ShouldContain($"{FailingId} seed=2 bits=3  exit 1"); // the same trial id whatever the --param order
        before.Where(t => !t.Key.EndsWith(FailingId)).ShouldAllBe(t => File.GetLastWriteTimeUtc(Path.Combine(t.Key, "result.json")) == t.Value);
        File.GetLastWriteTimeUtc(Path.Combine(dir, "trials", FailingId, "result.json")).ShouldBeGreaterThan(before.Single(t => t.Key.EndsWith(FailingId)).Value);
    }

    [Fact]
    public void Ctrl_C_stops_the_running_trials_keeps_finished_results_and_the_next_run_resumes()
    {
        string root = TemporaryFolder.Create("sweep-stop");
        string dir = Path.Combine(root, "out"), hold = Path.Combine(root, "hold");
        File.WriteAllText(hold, "");
        string[] args = ["sweep", SweepRun.Script, "--param", "bits=2,4", "--param", "seed=1", "--param", $"hold={hold}", "--out", dir, "--jobs", "2"];

        using (var sweep = new SweepRun.Background(args))
        {
            SweepRun.WaitUntil(() => SweepRun.Ended(dir) == 1, TimeSpan.FromMinutes(2), "the bits=2 trial to end");
            sweep.Interrupt();
            var stopped = sweep.Wait(TimeSpan.FromSeconds(60));
            stopped.ExitCode.ShouldBe(130, stopped.ToString());
            stopped.Error.ShouldContain("stopping: ending the running trials; finished results are kept");
        }
        SweepRun.Statuses(dir).ShouldBe(["bits=2 seed=1 completed", "bits=4 seed=1 pending"]);
        string held = SweepGrid.TrialId([new("bits", "4"), new("seed", "1"), new("hold", hold)]);
        File.Exists(Path.Combine(dir, "trials", held, "result.json")).ShouldBeFalse();

        File.Delete(hold);
        var resumed = SweepRun.Sweep(args[1..]);
        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.ErrorLines[0].ShouldContain("2 trials, 1 to run (1 done before)");
        SweepRun.Statuses(dir).ShouldBe(["bits=2 seed=1 completed", "bits=4 seed=1 completed"]);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }
    }
}
