using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Sdk.Transforms;

namespace QatHost.Sdk.Dsl;

/// <summary>Module outputs chosen with <c>net.Activity&lt;LIFTorch&gt;()</c> or <c>net.Module(path).Activity()</c>.</summary>
public sealed class ActivitySelection
{
    private readonly Module scope;
    private readonly Type? moduleType;

    internal ActivitySelection(Module scope, Type? moduleType)
    {
        if (moduleType is not null && !scope.AllModules().Any(m => moduleType.IsInstanceOfType(NetworkExtensions.Layered(m))))
        {
            var types = scope.AllModules().Select(m => NetworkExtensions.Layered(m).GetType().Name).Distinct();
            throw new QatHostException(
                $"{scope.Path}: no module of type {moduleType.Name} here. Types here: {string.Join(", ", types)}.");
        }
        this.scope = scope;
        this.moduleType = moduleType;
    }

    /// <summary>Transforms the output of every selected module (after any activity transform it already has).</summary>
    /// <returns>The module the selection was made on, for chaining.</returns>
    public Module Apply(Transform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var config = TransformConfig.ForActivities(scope, transform, moduleType);
        return NetworkExtensions.PatchInPlace(scope, node => Patching.WrapActivities(node, config), transform);
    }
}
