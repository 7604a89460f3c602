namespace QatHost.Cli;

/// <summary>Turns the first Ctrl-C into a cancellation request (training stops after the current batch and
/// keeps its last checkpoint); a second Ctrl-C ends the process as usual.</summary>
public sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource source = new();

    /// <summary>Starts listening for Ctrl-C.</summary>
    public CtrlC() => Console.CancelKeyPress += OnCancel;

    /// <summary>Cancelled by the first Ctrl-C.</summary>
    public CancellationToken Token => source.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        source.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (source.IsCancellationRequested) return; // the second one terminates
        e.Cancel = true;
        source.Cancel();
        Console.Error.WriteLine("stopping after the current batch (Ctrl-C again to quit now)");
    }
}
