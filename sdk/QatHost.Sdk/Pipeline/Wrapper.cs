using QatHost.Sdk.Engine;
using QatHost.Sdk.Transforms;
using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Pipeline;

/// <summary>
/// A module that stands in for another one (registered as its submodule <c>"_mod"</c>) and transforms what
/// goes into or comes out of it, as Rockpool's <c>TWrapper</c> and <c>ActWrapper</c> do. It takes the
/// wrapped module's place, name and shape in the network, so its state and parameters nest under
/// <c>"_mod"</c> while its record is the wrapped module's record, not nested.
/// </summary>
public abstract class Wrapper : Module
{
    /// <summary>Wraps <paramref name="wrapped"/>, taking over its name.</summary>
    protected Wrapper(Module wrapped) : base(wrapped.Shape, wrapped.SpikingInput, wrapped.SpikingOutput)
    {
        Name = wrapped.Name;
        wrapped.Parent = null; // the caller puts this wrapper in the layer's place
        RegisterSubmodule("_mod", wrapped);
    }

    /// <summary>The wrapped module (<c>"_mod"</c>).</summary>
    public Module Wrapped => Modules()["_mod"];

    /// <summary>The innermost module that is not a wrapper: the network's original layer.</summary>
    public Module Layer => Wrapped is Wrapper inner ? inner.Layer : Wrapped;

    /// <summary>The context handed to transforms for <paramref name="target"/>.</summary>
    protected TransformContext ContextFor(string target, string? family) =>
        new(Path, target, family, Training, null, TrainingStep);

    /// <summary>Copies the wrapped module's record into this module's record (Rockpool does not nest it).</summary>
    protected static void CopyRecord(TensorTree from, TensorTree to)
    {
        foreach (var (key, node) in from.Children)
        {
            if (node is TensorTree sub) to.Set(key, sub);
            else to.Set(key, (Tensor)node);
        }
    }
}
