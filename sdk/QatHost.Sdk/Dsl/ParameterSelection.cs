using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Sdk.Transforms;
using QatHost.Sdk.Trees;

namespace QatHost.Sdk.Dsl;

/// <summary>Parameters of some families below a module, chosen with <c>net.Param("weights")</c>.</summary>
public sealed class ParameterSelection
{
    private readonly Module scope;
    private readonly string[] families;

    internal ParameterSelection(Module scope, string[] families)
    {
        if (families.Length == 0) throw new QatHostException($"{scope.Path}: Param() needs at least one family name.");
        var present = scope.ParameterFamilies();
        foreach (string family in families)
        {
            if (present.Contains(family)) continue;
            string hint = family == Families.Biases && present.Contains(Families.Bias)
                ? "; LIFTorch biases are family \"bias\" (\"biases\" is LinearTorch's, with hasBias: true)."
                : Naming.ClosestMatch(family, present) is { } close ? $"; did you mean \"{close}\"?" : ".";
            throw new QatHostException(
                $"{scope.Path}: no parameter family \"{family}\"{hint} Families here: {string.Join(", ", present)}.");
        }
        this.scope = scope;
        this.families = families;
    }

    /// <summary>The selected parameters, nested by module as in <see cref="Module.Parameters"/>.</summary>
    public TensorTree Parameters => scope.Parameters(families);

    /// <summary>Attaches <paramref name="transform"/> to every selected parameter (after any it already has).</summary>
    /// <returns>The module the selection was made on, for chaining.</returns>
    public Module Apply(Transform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var config = TransformConfig.ForParameters(scope, transform, families);
        return NetworkExtensions.PatchInPlace(scope, node => Patching.WrapParameters(node, config), transform);
    }
}
