using System.Runtime.InteropServices;

namespace QatHost.Cli.Sweeps;

/// <summary>The first Ctrl-C (SIGINT) or SIGTERM cancels <see cref="Token"/> and prints <c>message</c>; a second one
/// ends the process as usual.</summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private readonly string? message;

    /// <summary>Starts listening.</summary>
    public StopSignal(string? message)
    {
        this.message = message;
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>True once a stop was asked for.</summary>
    public bool Requested => source.IsCancellationRequested;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (source.IsCancellationRequested) return; // the second one terminates
        context.Cancel = true;
        if (message is not null) Console.Error.WriteLine(message);
        source.Cancel();
    }
}
