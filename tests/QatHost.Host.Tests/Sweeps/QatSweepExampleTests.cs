using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.Sweeps;

/// <summary>scripts/qat-sweep.csx, the example of docs/sweeps.md.</summary>
[Collection(SweepCollection.Name)]
public class QatSweepExampleTests
{
    [Fact]
    public void One_trial_run_by_hand_reports_the_accuracy_the_documented_sweep_collected()
    {
        // bits=2 method=qat seed=1 is row e629cebe458d of the table in docs/sweeps.md (one torch thread per trial there).
        var result = QatHostProcess.Run(["run", "scripts/qat-sweep.csx", "--param", "bits=2", "--param", "method=qat", "--param", "seed=1"],
            environment: new Dictionary<string, string> { ["QATHOST_THREADS"] = "1" });

        result.ExitCode.ShouldBe(0, result.ToString());
        result.OutputLines[^1].ShouldBe("[report] accuracy = 79.1667");
        File.ReadAllText(Repository.Path("docs/sweeps.md")).ShouldContain("e629cebe458d,2,qat,1,79.16666666666666,completed");
    }
}
