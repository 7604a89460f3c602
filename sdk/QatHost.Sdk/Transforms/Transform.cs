using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Sdk.Transforms;

/// <summary>
/// A differentiable function applied to a parameter (before the forward pass uses it) or to a module's
/// output (an activity), as in Rockpool's transformation-in-training pipeline. The pipeline finds the
/// modules, wraps them, keeps the raw values, calls <see cref="Forward"/> once per evolution, burns in and
/// removes; a transform only computes.
/// </summary>
/// <remarks>
/// Write a plugin transform by deriving from this class (privately) and exposing a static factory, e.g.
/// <c>public static Transform Symmetric(double limit) =&gt; new SymmetricClip(limit);</c>. The description
/// passed to the base constructor is how the transform prints in <c>net.Transforms()</c> and in errors, so
/// write it as the call that made it: <c>"Rounding.Stochastic(levels: 16)"</c>.
/// </remarks>
public abstract class Transform
{
    /// <summary>Creates a transform that prints as <paramref name="description"/>.</summary>
    protected Transform(string description) => Description = description;

    /// <summary>How the transform prints, e.g. <c>Rounding.Deterministic(levels: 16)</c>.</summary>
    public string Description { get; }

    /// <summary>Transforms <paramref name="value"/>. Must be differentiable (or straight-through) so that
    /// gradients reach the raw value; must not modify <paramref name="value"/> in place.</summary>
    /// <param name="value">The raw parameter, or the module output <c>(B, T, N)</c> for an activity transform.</param>
    /// <param name="context">Where the transform runs and the generator stochastic transforms must draw from.</param>
    public abstract Tensor Forward(Tensor value, TransformContext context);

    /// <summary>Trainable state the transform owns (for example a learned step size); the optimizer trains
    /// these next to the network's parameters. None by default.</summary>
    public virtual IEnumerable<Parameter> TrainableParameters() => [];

    /// <inheritdoc/>
    public override string ToString() => Description;
}
