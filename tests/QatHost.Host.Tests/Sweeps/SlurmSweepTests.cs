using System.Diagnostics;
using QatHost.Host.Tests.Support;
using QatHost.Sdk.Sweeps;

namespace QatHost.Host.Tests.Sweeps;

/// <summary><c>qathost sweep --executor slurm</c> against a real Slurm (see <see cref="SlurmCluster"/>).</summary>
[Collection(SweepCollection.Name)]
public class SlurmSweepTests(SlurmCluster cluster)
{
    [Fact]
    public void A_2x3_grid_as_an_array_job_gives_the_same_results_table_as_the_local_executor()
    {
        cluster.Require();
        string dir = Path.Combine(TemporaryFolder.Create("sweep-slurm"), "out");

        var result = SweepRun.Sweep(SweepRun.Script, "--param", "bits=2,3", "--param", "seed=1..3", "--out", dir, "--executor", "slurm");

        result.ExitCode.ShouldBe(1, result.ToString());
        SweepRun.Statuses(dir).ShouldBe(LocalGrid.ExpectedStatuses);
        SweepRun.Results(dir).ShouldBe(SweepRun.Results(LocalGrid.Directory)); // every column but seconds, to the last digit
        string failing = SweepGrid.TrialId([new("bits", "3"), new("seed", "2")]);
        result.Error.ShouldContain($"{failing} | {SweepRun.Script}:9:29: error: deliberate failure: bits=3 with seed=2");
        File.ReadAllLines(Path.Combine(dir, "slurm", "jobs.txt")).Length.ShouldBe(1); // one array job for the sweep
    }

    [Fact]
    public void Ctrl_C_with_on_interrupt_cancel_scancels_the_array_and_the_next_run_resumes()
    {
        cluster.Require();
        string root = TemporaryFolder.Create("sweep-slurm-stop");
        string dir = Path.Combine(root, "out"), hold = Path.Combine(root, "hold");
        File.WriteAllText(hold, "");
        string[] args = ["sweep", SweepRun.Script, "--param", "bits=2,4", "--param", "seed=1", "--param", $"hold={hold}",
            "--out", dir, "--executor", "slurm"];

        using (var sweep = new SweepRun.Background([.. args, "--on-interrupt", "cancel"]))
        {
            SweepRun.WaitUntil(() => SweepRun.Ended(dir) == 1, TimeSpan.FromMinutes(3), "the bits=2 trial to end");
            sweep.Interrupt();
            var stopped = sweep.Wait(TimeSpan.FromMinutes(2));
            stopped.ExitCode.ShouldBe(130, stopped.ToString());
            stopped.Error.ShouldContain("cancelled the trials on slurm; they run again the next time the sweep runs.");
        }
        Squeue(dir).ShouldBeEmpty();
        SweepRun.Statuses(dir).ShouldBe(["bits=2 seed=1 completed", "bits=4 seed=1 pending"]);

        File.Delete(hold);
        var resumed = SweepRun.Sweep(args[1..]);
        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.ErrorLines[0].ShouldContain("2 trials, 1 to run (1 done before), slurm");
        SweepRun.Statuses(dir).ShouldBe(["bits=2 seed=1 completed", "bits=4 seed=1 completed"]);
    }

    [Fact]
    public void Left_running_after_Ctrl_C_the_sweep_is_followed_with_status_and_collected_later()
    {
        cluster.Require();
        string root = TemporaryFolder.Create("sweep-slurm-leave");
        string dir = Path.Combine(root, "out"), hold = Path.Combine(root, "hold");
        File.WriteAllText(hold, "");

        using (var sweep = new SweepRun.Background("sweep", SweepRun.Script, "--param", "bits=2,4", "--param", "seed=1",
            "--param", $"hold={hold}", "--out", dir, "--executor", "slurm", "--on-interrupt", "leave"))
        {
            SweepRun.WaitUntil(() => SweepRun.Ended(dir) == 1, TimeSpan.FromMinutes(3), "the bits=2 trial to end");
            sweep.Interrupt();
            var left = sweep.Wait(TimeSpan.FromMinutes(1));
            left.ExitCode.ShouldBe(130, left.ToString());
            left.Error.ShouldContain("left 1 trial(s) queued or running on slurm; later: qathost sweep status");
        }
        var status = QatHostProcess.Run("sweep", "status", dir);
        status.ExitCode.ShouldBe(0, status.ToString());
        status.OutputLines.ShouldContain(l => l.Contains("│ 4    │ 1    │") && l.Contains("running"));
        status.OutputLines.ShouldContain("0 pending, 0 queued, 1 running, 1 completed, 0 failed");

        File.Delete(hold);
        SweepRun.WaitUntil(() => SweepRun.Ended(dir) == 2, TimeSpan.FromMinutes(3), "the held trial to end on Slurm");
        var collected = QatHostProcess.Run("sweep", "collect", dir);
        collected.ExitCode.ShouldBe(0, collected.ToString());
        SweepRun.Statuses(dir).ShouldBe(["bits=2 seed=1 completed", "bits=4 seed=1 completed"]);
        File.Exists(Path.Combine(dir, "plots", "error.png")).ShouldBeTrue();
    }

    private static List<string> Squeue(string dir)
    {
        string name = SlurmJobName(dir);
        var start = new ProcessStartInfo("squeue", ["-h", "-r", $"--name={name}", "-o", "%i %T"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    // As the executor names it: "qathost-" and the first 8 hex digits of the folder's hash.
    private static string SlurmJobName(string dir) => "qathost-" + SweepGrid.TrialId([new("dir", Path.GetFullPath(dir))])[..8];
}
