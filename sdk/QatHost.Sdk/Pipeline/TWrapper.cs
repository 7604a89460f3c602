using QatHost.Sdk.Engine;
using QatHost.Sdk.Transforms;
using QatHost.Sdk.Trees;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Sdk.Pipeline;

/// <summary>
/// Rockpool's <c>TWrapper</c> (spec 7.3): on every evolution, the wrapped layer runs with each configured
/// parameter replaced by its transformed value <c>T(raw)</c> for that call only. The stored (raw)
/// parameters are what the optimizer trains; gradients reach them through the transforms.
/// </summary>
/// <remarks>Transforms of one parameter form a chain applied in the order they were added.</remarks>
public sealed class TWrapper : Wrapper
{
    private Dictionary<string, List<Transform>> chains = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="layer"/> (a module without submodules).</summary>
    public TWrapper(Module layer) : base(layer)
    {
        if (layer.Modules().Count > 0)
            throw new QatHostException($"{layer.Path}: parameter transforms wrap single layers, not a {layer.ClassName}.");
    }

    /// <inheritdoc/>
    public override string ClassName => "TWrapper";

    /// <summary>The transform chain of each transformed parameter, by Rockpool parameter name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Transform>> Transforms =>
        chains.ToDictionary(c => c.Key, c => (IReadOnlyList<Transform>)c.Value);

    /// <summary>Appends <paramref name="transform"/> to the chain of parameter <paramref name="parameter"/>.</summary>
    /// <exception cref="QatHostException">The layer has no such trainable parameter.</exception>
    public void Add(string parameter, Transform transform)
    {
        Wrapped.FindAttribute(parameter, AttributeKind.Parameter);
        if (!chains.TryGetValue(parameter, out var chain)) chains[parameter] = chain = [];
        chain.Add(transform);
    }

    /// <summary>The value the forward pass sees for <paramref name="parameter"/>: its chain applied to the raw value.</summary>
    public Tensor Evaluated(string parameter)
    {
        var attribute = Wrapped.FindAttribute(parameter, AttributeKind.Parameter);
        var value = attribute.Tensor as Tensor;
        if (!chains.TryGetValue(parameter, out var chain)) return value;
        var context = ContextFor(parameter, attribute.Family);
        foreach (var transform in chain)
        {
            value = transform.Forward(value, context);
            if (!Shapes.Equal(value.shape, attribute.Tensor.shape))
                throw new QatHostException(
                    $"{Path}: transform {transform.Description} changed the shape of \"{parameter}\" from " +
                    $"{Shapes.Format(attribute.Tensor.shape)} to {Shapes.Format(value.shape)}.");
        }
        return value;
    }

    /// <summary>Stores the transformed values as the layer's parameters (Rockpool's <c>apply_T</c>). The
    /// parameter objects stay the same, so an optimizer built earlier keeps training them. Stochastic
    /// transforms draw a new sample. The wrapper and its transforms stay.</summary>
    public void BurnIn()
    {
        var values = chains.Keys.ToDictionary(name => name, name => Evaluated(name).detach());
        foreach (var (name, value) in values) Wrapped.SetParameter(name, value);
    }

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording)
    {
        var values = chains.Keys.ToDictionary(name => name, Evaluated);
        var result = Wrapped.EvolveWith(values, input, record);
        CopyRecord(result.Record, recording);
        return result.Output;
    }

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> ExtraTrainableParameters() =>
        chains.Values.SelectMany(c => c).SelectMany(t => t.TrainableParameters());

    /// <inheritdoc/>
    protected override void OnCopied() =>
        chains = chains.ToDictionary(c => c.Key, c => c.Value.ToList(), StringComparer.Ordinal);
}
