using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>A copy of the trained parameters taken before each optimizer step, so that a step that makes one
/// NaN or infinite can be undone: the network then keeps its last finite values. One preallocated copy per
/// parameter; capturing is a memory copy.</summary>
internal sealed class ParameterSnapshot : IDisposable
{
    private readonly List<(Parameter Live, Tensor Copy)> pairs;

    public ParameterSnapshot(IEnumerable<Parameter> parameters)
    {
        using var noGrad = no_grad();
        pairs = parameters.Select(p =>
        {
            var copy = p.detach().clone();
            copy.DetachFromDisposeScope();
            return (p, copy);
        }).ToList();
    }

    /// <summary>Copies the current values in.</summary>
    public void Capture()
    {
        using var noGrad = no_grad();
        foreach (var (live, copy) in pairs) copy.copy_(live);
    }

    /// <summary>Writes the captured values back into the same parameter objects.</summary>
    public void Restore()
    {
        using var noGrad = no_grad();
        foreach (var (live, copy) in pairs) live.copy_(copy);
    }

    public void Dispose()
    {
        foreach (var (_, copy) in pairs) copy.Dispose();
    }
}
