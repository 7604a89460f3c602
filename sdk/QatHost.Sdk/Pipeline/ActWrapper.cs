using QatHost.Sdk.Engine;
using QatHost.Sdk.Transforms;
using QatHost.Sdk.Trees;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Sdk.Pipeline;

/// <summary>
/// Rockpool's <c>ActWrapper</c> (spec 7.4): the wrapped module's output is transformed before the next
/// module sees it. Unlike Rockpool, the wrapped module keeps its own records, and an ActWrapper may wrap a
/// <see cref="TWrapper"/> (activity and parameter transforms on one layer, in either order of adding).
/// </summary>
public sealed class ActWrapper : Wrapper
{
    private List<Transform> chain = [];

    /// <summary>Wraps <paramref name="module"/> (a layer or a <see cref="TWrapper"/>).</summary>
    public ActWrapper(Module module) : base(module)
    {
        if (module.Modules().Count > 0 && module is not TWrapper)
            throw new QatHostException($"{module.Path}: activity transforms wrap single layers, not a {module.ClassName}.");
    }

    /// <inheritdoc/>
    public override string ClassName => "ActWrapper";

    /// <summary>The transforms applied to the output, in order.</summary>
    public IReadOnlyList<Transform> Transforms => chain;

    /// <summary>Appends <paramref name="transform"/> to the output chain.</summary>
    public void Add(Transform transform) => chain.Add(transform);

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording)
    {
        var result = Wrapped.Evolve(input, record);
        CopyRecord(result.Record, recording);
        var output = result.Output;
        var context = ContextFor("output", null);
        foreach (var transform in chain)
        {
            var next = transform.Forward(output, context);
            if (!Shapes.Equal(next.shape, output.shape))
                throw new QatHostException(
                    $"{Path}: activity transform {transform.Description} changed the output shape from " +
                    $"{Shapes.Format(output.shape)} to {Shapes.Format(next.shape)}.");
            output = next;
        }
        return output;
    }

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> ExtraTrainableParameters() => chain.SelectMany(t => t.TrainableParameters());

    /// <inheritdoc/>
    protected override void OnCopied() => chain = chain.ToList();
}
