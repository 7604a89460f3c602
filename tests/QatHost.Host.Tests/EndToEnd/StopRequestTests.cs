using System.Runtime.InteropServices;
using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>Stopping a run on request with real signals sent to a real qathost process: under <c>run</c> the first
/// Ctrl-C or SIGTERM stops training after its batch with the checkpoint intact and exits 130; in the REPL Ctrl-C
/// stops the running submission and the session goes on with its variables.</summary>
public class StopRequestTests
{
    private const string Script = "tests/Fixtures/Scripts/TrainsUntilStopped/TrainsUntilStopped.csx";

    [Theory]
    [InlineData(PosixSignal.SIGTERM, "SIGTERM")]
    [InlineData(PosixSignal.SIGINT, "Ctrl-C")]
    public void A_stop_signal_under_run_stops_after_the_batch_exits_130_and_the_checkpoint_resumes(PosixSignal signal, string name)
    {
        string checkpoint = Path.Combine(TemporaryFolder.Create("stop"), "run.ckpt");
        using var host = RunningQatHost.Start(["run", Script, "--", checkpoint, "100000"]);
        host.WaitForError(l => l.StartsWith("epoch 2/100000", StringComparison.Ordinal));

        host.Send(signal);
        var stopped = host.Finish();

        stopped.ExitCode.ShouldBe(130, stopped.ToString());
        stopped.Output.ShouldBeEmpty();
        stopped.ErrorLines.ShouldContain($"qathost: {name}: stopping after the current batch ({name} again to quit now)");
        string note = stopped.ErrorLines.Single(l => l.Contains(": note: training stopped by request after epoch "));
        note.ShouldStartWith($"{Script}:6:11: note: ");
        note.ShouldEndWith($"{checkpoint} holds epoch {HeldEpoch(note)}.");
        HeldEpoch(note).ShouldBeGreaterThanOrEqualTo(1);

        int held = HeldEpoch(note);
        var resumed = QatHostProcess.Run("run", Script, "--", checkpoint, (held + 1).ToString());
        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.OutputLines.ShouldBe([$"resumed after epoch {held}, trained to epoch {held + 1}"]);
    }

    [Fact]
    public void Ctrl_C_in_the_repl_stops_the_running_submission_and_the_session_keeps_its_variables()
    {
        string input = """
            var kept = 42;
            var data = Tasks.FrozenNoise(classes: 2, channels: 4, steps: 20, samples: 32, seed: 1);
            var net = Sequential(LinearTorch(4, 8), LIFTorch(8), LinearTorch(8, 2));
            Train(net, data, epochs: 100000, batchSize: 4, loss: Loss.MaxOverTime, families: ["weights"]); Print("not reached");
            Print($"kept {kept}, net {net.SizeIn} in");
            """;
        using var host = RunningQatHost.Start(["repl"], input: input + "\n");
        // Train in the REPL reports progress as under run (plain epoch lines when standard error is redirected).
        host.WaitForError(l => l.StartsWith("epoch 2/100000", StringComparison.Ordinal));

        host.Send(PosixSignal.SIGINT);
        var result = host.Finish();

        result.ExitCode.ShouldBe(130, result.ToString());
        result.OutputLines.ShouldBe(["kept 42, net 4 in"]);
        result.ErrorLines.ShouldContain("qathost: Ctrl-C: stopping this submission after the current batch (the session keeps its variables)");
        result.ErrorLines.ShouldContain(l => l.StartsWith("repl[4]:1:1: note: training stopped by request after epoch ") &&
                                             l.EndsWith("; no checkpoint was asked for."));
    }

    // "... out/run.ckpt holds epoch 3." -> 3
    private static int HeldEpoch(string note) =>
        int.Parse(note[(note.LastIndexOf("holds epoch ", StringComparison.Ordinal) + "holds epoch ".Length)..^1]);
}
