namespace QatHost.Sdk.Engine;

/// <summary>Whether <see cref="LIFTorch"/> layers whose <see cref="LIFTorch.AlignRandomStream"/> is not set draw
/// Rockpool's unused noise: yes, except inside <c>Train</c>, which turns it off for its batches.</summary>
internal static class RandomStreamAlignment
{
    private static readonly AsyncLocal<bool> off = new();

    public static bool Default => !off.Value;

    /// <summary>Turns the default off until the result is disposed.</summary>
    public static IDisposable Off()
    {
        bool previous = off.Value;
        off.Value = true;
        return new Restore(previous);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => off.Value = previous;
    }
}
