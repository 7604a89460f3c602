using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms;

/// <summary>Straight-through transforms (Rockpool <c>round_passthrough</c>, <c>floor_passthrough</c> and
/// <c>make_backward_passthrough</c>, spec 6.1): the forward pass applies a function, the backward pass passes
/// the gradient through unchanged.</summary>
public static class Passthrough
{
    /// <summary>Rounds to the nearest integer, ties to even (torch's <c>round</c>); gradient identity.
    /// Used for bit-shift parameters (<c>dash_mem</c>, <c>dash_syn</c>).</summary>
    /// <returns>A transform.</returns>
    public static Transform Round() => new Straight("Passthrough.Round()", v => v.round());

    /// <summary>Rounds down; gradient identity.</summary>
    /// <returns>A transform.</returns>
    public static Transform Floor() => new Straight("Passthrough.Floor()", v => v.floor());

    /// <summary>Returns the value unchanged (a no-op transform, useful to test a pipeline).</summary>
    /// <returns>A transform.</returns>
    public static Transform Identity() => new Straight("Passthrough.Identity()", v => v.clone());

    /// <summary>Any shape-preserving function with an identity gradient (Rockpool <c>make_backward_passthrough</c>).</summary>
    /// <param name="function">The forward function; must return a tensor of the input's shape.</param>
    /// <param name="name">How the transform prints, e.g. <c>"square"</c>.</param>
    /// <returns>A transform that prints as <c>Passthrough.Of(name)</c>.</returns>
    public static Transform Of(Func<Tensor, Tensor> function, string name)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new Straight($"Passthrough.Of({name})", function);
    }

    private sealed class Straight(string description, Func<Tensor, Tensor> function) : Transform(description)
    {
        public override Tensor Forward(Tensor value, TransformContext context)
        {
            Guard.FiniteInput(value, this, context);
            return StraightThrough.Apply(value, function);
        }
    }
}
