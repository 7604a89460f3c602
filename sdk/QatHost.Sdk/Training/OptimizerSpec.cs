using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>Which optimizer <c>Train</c> builds over the network's trainable parameters, made by
/// <c>Adam(lr: 1e-3)</c> or <c>Sgd(lr: 0.1, momentum: 0.9)</c>.</summary>
public sealed class OptimizerSpec
{
    private readonly Func<IReadOnlyList<(IReadOnlyList<Parameter> Parameters, double Scale)>, optim.Optimizer> create;

    internal OptimizerSpec(string kind, double learningRate, string description,
        Func<IReadOnlyList<(IReadOnlyList<Parameter> Parameters, double Scale)>, optim.Optimizer> create)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
            throw new QatHostException($"{kind}: lr = {learningRate.ToString(CultureInfo.InvariantCulture)} must be positive and finite.");
        Kind = kind;
        LearningRate = learningRate;
        Description = description;
        this.create = create;
    }

    /// <summary>The algorithm: <c>"Adam"</c> or <c>"Sgd"</c>.</summary>
    public string Kind { get; }

    /// <summary>The learning rate.</summary>
    public double LearningRate { get; }

    /// <summary>The call that made it, e.g. <c>Adam(lr: 0.001)</c>; checkpoints record it.</summary>
    public string Description { get; }

    /// <summary>Builds the TorchSharp optimizer over <paramref name="parameters"/>.</summary>
    public optim.Optimizer Create(IEnumerable<Parameter> parameters) => create([(parameters.ToList(), 1.0)]);

    /// <summary>Builds the optimizer with one parameter group per entry, each training its parameters as if they
    /// were divided by <c>Scale</c> (a linear reparametrisation): Adam's learning rate times the scale, SGD's times its square.</summary>
    internal optim.Optimizer Create(IReadOnlyList<(IReadOnlyList<Parameter> Parameters, double Scale)> groups) => create(groups);

    /// <inheritdoc/>
    public override string ToString() => Description;
}
