using System.Runtime.InteropServices;

namespace QatHost.Cli;

/// <summary>
/// Turns Ctrl-C (and, under <c>run</c>, SIGTERM, which <c>timeout</c>, batch schedulers and <c>kill</c> send)
/// into a cancellation request: training stops after the current batch and keeps its last checkpoint.
/// Under <c>run</c> a second signal ends the process as usual; in the REPL Ctrl-C stops the running
/// submission and the session goes on, and only a third Ctrl-C ends it.
/// </summary>
public sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly int signalsToQuit;
    private int received;

    private CtrlC(bool terminate, int signalsToQuit)
    {
        this.signalsToQuit = signalsToQuit;
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        if (terminate) registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    /// <summary>For <c>qathost run</c>: the first Ctrl-C or SIGTERM requests a stop, the second ends the process.</summary>
    public static CtrlC ForRun() => new(terminate: true, signalsToQuit: 2);

    /// <summary>For one REPL submission: Ctrl-C stops it (the session keeps its variables); the third Ctrl-C
    /// ends the process, for code that never checks (a loop, a long <c>Evolve</c>).</summary>
    public static CtrlC ForSubmission() => new(terminate: false, signalsToQuit: 3);

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>True once a stop was requested.</summary>
    public bool Requested => source.IsCancellationRequested;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        int count = Interlocked.Increment(ref received);
        if (count >= signalsToQuit) return; // not cancelled: the signal ends the process as usual
        context.Cancel = true;
        string signal = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "Ctrl-C";
        if (count == 1)
        {
            source.Cancel();
            Console.Error.WriteLine(signalsToQuit == 2
                ? $"qathost: {signal}: stopping after the current batch ({signal} again to quit now)"
                : "qathost: Ctrl-C: stopping this submission after the current batch (the session keeps its variables)");
        }
        else
        {
            Console.Error.WriteLine("qathost: the submission has not stopped yet (only Train checks for Ctrl-C); " +
                "Ctrl-C once more ends the session and loses its variables");
        }
    }
}
