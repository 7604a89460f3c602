using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Sdk.Transforms;
using QatHost.Sdk.Trees;

namespace QatHost.Sdk.Dsl;

/// <summary>
/// The transformation-in-training DSL on networks: select parameters by family, activities by module type,
/// or a module by path, and attach transforms; burn them in and remove them. These methods change the
/// network they are called on (use <see cref="Module.Copy"/> first to keep the original).
/// </summary>
/// <example><code>
/// net.Param("weights").Apply(Rounding.Stochastic(levels: 16));
/// net.Activity&lt;LinearTorch&gt;().Apply(Rounding.Deterministic(levels: 256));
/// net.Module("2_TorchResidual/1_LIFTorch").Param("thresholds").Apply(Rounding.Deterministic(levels: 8));
/// Print(net.Transforms());
/// net.BurnIn();
/// net.RemoveTransforms();
/// </code></example>
public static class NetworkExtensions
{
    /// <summary>Selects every parameter of the given families (e.g. <c>"weights"</c>; LIF biases are
    /// <c>"bias"</c>, Linear biases <c>"biases"</c>) for <see cref="ParameterSelection.Apply"/>.</summary>
    public static ParameterSelection Param(this Module net, params string[] families) => new(net, families);

    /// <summary>Selects the outputs of every module of type <typeparamref name="TModule"/>.</summary>
    public static ActivitySelection Activity<TModule>(this Module net) where TModule : Module => new(net, typeof(TModule));

    /// <summary>Selects the outputs of this module (of every layer in it, for a composite).</summary>
    public static ActivitySelection Activity(this Module net) => new(net, null);

    /// <summary>The module at <paramref name="path"/> below this one, e.g. <c>"2_TorchResidual/1_LIFTorch"</c>.
    /// A leading index is enough when unambiguous (<c>"1"</c> for <c>"1_LIFTorch"</c>).</summary>
    /// <exception cref="QatHostException">No such module; the message lists the modules there.</exception>
    public static Module Module(this Module net, string path)
    {
        var node = net;
        foreach (string segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var children = Layered(node).Modules();
            var match = children.Keys.FirstOrDefault(k => k == segment)
                ?? children.Keys.SingleOrDefault(k => k.StartsWith(segment + "_", StringComparison.Ordinal))
                ?? throw new QatHostException(
                    $"{node.Path}: no module \"{segment}\" (in path \"{path}\")." +
                    (Naming.ClosestMatch(segment, children.Keys) is { } close ? $" Did you mean \"{close}\"?" : "") +
                    $" Modules here: {(children.Count == 0 ? "none" : string.Join(", ", children.Keys))}.");
            node = children[match];
        }
        return node;
    }

    /// <summary>Rockpool's <c>make_param_T_network(net, config)</c>: wraps the layers the configuration names.
    /// Returns a patched copy, or patches this network when <paramref name="inPlace"/> (use the returned module
    /// either way: a bare layer is replaced by its wrapper).</summary>
    public static Module WithParameterTransforms(this Module net, TransformConfig config, bool inPlace = false) =>
        Patching.WrapParameters(inPlace ? net : net.Copy(), config);

    /// <summary>Rockpool's <c>make_act_T_network(net, config)</c>; see <see cref="WithParameterTransforms"/>.</summary>
    public static Module WithActivityTransforms(this Module net, TransformConfig config, bool inPlace = false) =>
        Patching.WrapActivities(inPlace ? net : net.Copy(), config);

    /// <summary>Stores every parameter transform's current output as the raw parameter (Rockpool's
    /// <c>apply_T</c>, here in place). The parameter objects stay, so an optimizer built before keeps working;
    /// the transforms stay attached until <see cref="RemoveTransforms"/>.</summary>
    public static void BurnIn(this Module net)
    {
        foreach (var wrapper in net.AllModules().OfType<TWrapper>()) wrapper.BurnIn();
    }

    /// <summary>Removes every transform, keeping the parameter values (Rockpool's <c>remove_T_net</c>, here in
    /// place). A bare wrapped layer cannot replace itself: call this on the network that contains it.</summary>
    public static void RemoveTransforms(this Module net)
    {
        if (net is Wrapper)
            throw new QatHostException($"{net.Path}: a wrapper cannot remove itself; call RemoveTransforms on the network that contains it.");
        Patching.Unwrap(net);
    }

    /// <summary>The transforms attached below this module, one line each: module path → target → transforms.</summary>
    public static TransformSummary Transforms(this Module net) => new(net);

    /// <summary>The layer at a node, looking through wrappers.</summary>
    internal static Module Layered(Module node) => node is Wrapper w ? w.Layer : node;

    /// <summary>Runs <paramref name="patch"/> on <paramref name="node"/> and puts the result in the node's place
    /// in its parent; a bare layer without a parent cannot be replaced and is refused before anything changes.</summary>
    internal static Module PatchInPlace(Module node, Func<Module, Module> patch, Transform transform)
    {
        var parent = node.Parent;
        string? name = node.Name;
        if (parent is null && node is not Wrapper && node.Modules().Count == 0)
            throw new QatHostException(
                $"{node.Path}: cannot attach {transform.Description} to a layer that is not inside a network; wrap it first: " +
                "var net = Sequential(layer);");
        var patched = patch(node);
        if (parent is not null) Patching.Replace(parent, name!, patched);
        return patched;
    }
}
