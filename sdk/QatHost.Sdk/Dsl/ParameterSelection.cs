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
            string hint = Naming.ClosestMatch(family, present) is { } close ? $"; did you mean \"{close}\"?" : "";
            string note = family == Families.Biases && present.Contains(Families.Bias)
                ? " (LIFTorch biases are family \"bias\"; \"biases\" is LinearTorch's, with hasBias: true)" : "";
            throw new QatHostException(
                $"{scope.Path}: no parameter of family \"{family}\"{hint}{note}. Families here: {string.Join(", ", present)}.");
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
        var patched = Patching.WrapParameters(scope, config);
        NetworkExtensions.ReplaceInPlace(scope, patched, $"{transform.Description}");
        return patched;
    }
}
