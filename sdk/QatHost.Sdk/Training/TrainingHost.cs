namespace QatHost.Sdk.Training;

/// <summary>
/// What the program running a script supplies to every <c>Train</c> call that does not pass its own: a
/// progress reporter (a live display, or <see cref="LineProgress"/>) and a cancellation token (Ctrl-C).
/// The setting flows with the async context of the code that makes it, so concurrent runs do not share it.
/// </summary>
/// <example><code>
/// using (TrainingHost.Use(new LineProgress(Console.Out), ctrlC.Token))
///     await script.RunAsync();
/// </code></example>
public static class TrainingHost
{
    private static readonly AsyncLocal<Setting?> current = new();

    /// <summary>The progress reporter <c>Train</c> uses when none is passed, or null.</summary>
    public static IProgress<TrainingProgress>? Progress => current.Value?.Progress;

    /// <summary>The cancellation token <c>Train</c> uses when none is passed.</summary>
    public static CancellationToken Cancellation => current.Value?.Cancellation ?? CancellationToken.None;

    /// <summary>Makes <paramref name="progress"/> and <paramref name="cancellation"/> the defaults until the
    /// returned object is disposed, which restores the previous defaults.</summary>
    public static IDisposable Use(IProgress<TrainingProgress>? progress, CancellationToken cancellation = default)
    {
        var previous = current.Value;
        current.Value = new Setting(progress, cancellation);
        return new Restore(() => current.Value = previous);
    }

    private sealed record Setting(IProgress<TrainingProgress>? Progress, CancellationToken Cancellation);

    private sealed class Restore(Action undo) : IDisposable
    {
        private Action? undo = undo;

        public void Dispose()
        {
            undo?.Invoke();
            undo = null;
        }
    }
}
