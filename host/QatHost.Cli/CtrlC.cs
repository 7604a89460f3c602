using System.Runtime.InteropServices;

namespace QatHost.Cli;

/// <summary>
/// Turns Ctrl-C (and, under <c>run</c>, SIGTERM, which <c>timeout</c>, batch schedulers and <c>kill</c> send)
/// into a cancellation request: training stops after the current batch and keeps its last checkpoint.
/// Under <c>run</c> a second signal ends the process as usual; in the REPL Ctrl-C stops the running
/// submission and the session goes on, and only a third Ctrl-C ends it. Under <c>sweep</c> the first signal stops
/// the sweep (or one trial) and the second ends the process.
/// </summary>
public sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly int signalsToQuit;
    private readonly Func<string, string?> firstMessage;
    private int received;

    private CtrlC(bool terminate, int signalsToQuit, Func<string, string?> firstMessage)
    {
        this.signalsToQuit = signalsToQuit;
        this.firstMessage = firstMessage;
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        if (terminate) registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    /// <summary>For <c>qathost run</c>: the first Ctrl-C or SIGTERM requests a stop, the second ends the process.</summary>
    public static CtrlC ForRun() => new(terminate: true, signalsToQuit: 2,
        signal => $"qathost: {signal}: stopping after the current batch ({signal} again to quit now)");

    /// <summary>For one REPL submission: Ctrl-C stops it (the session keeps its variables); the third Ctrl-C
    /// ends the process, for code that never checks (a loop, a long <c>Evolve</c>).</summary>
    public static CtrlC ForSubmission() => new(terminate: false, signalsToQuit: 3,
        _ => "qathost: Ctrl-C: stopping this submission after the current batch (the session keeps its variables)");

    /// <summary>For <c>qathost sweep</c> and its trials: the first Ctrl-C or SIGTERM requests a stop and prints
    /// <paramref name="message"/> (nothing when null), the second ends the process.</summary>
    public static CtrlC ForSweep(string? message) => new(terminate: true, signalsToQuit: 2, _ => message);

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
            if (firstMessage(signal) is { } message) Console.Error.WriteLine(message);
        }
        else
        {
            Console.Error.WriteLine("qathost: the submission has not stopped yet (only Train checks for Ctrl-C); " +
                "Ctrl-C once more ends the session and loses its variables");
        }
    }
}
