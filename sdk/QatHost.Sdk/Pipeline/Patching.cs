using QatHost.Sdk.Engine;
using QatHost.Sdk.Transforms;
using QatHost.Sdk.Trees;

namespace QatHost.Sdk.Pipeline;

/// <summary>
/// The structural work of the pipeline (spec 7.2, 7.5, 7.6): wrapping layers named in a configuration,
/// burning transformed values in, and unwrapping. Wrappers always nest the same way, whatever the order in
/// which transforms were added: <c>ActWrapper(TWrapper(layer))</c>.
/// </summary>
internal static class Patching
{
    /// <summary>Wraps the layers a parameter configuration names; returns the node that now stands at
    /// <paramref name="node"/>'s position (a new wrapper if <paramref name="node"/> was a bare layer).</summary>
    public static Module WrapParameters(Module node, Tree<Transform> config)
    {
        switch (node)
        {
            case TWrapper tw:
                foreach (var (parameter, transform) in LayerEntries(tw, config, "_mod")) tw.Add(parameter, transform);
                return tw;
            case ActWrapper aw:
                Replace(aw, "_mod", WrapParameters(aw.Wrapped, Inner(config)));
                return aw;
            case { } layer when layer.Modules().Count == 0:
                var wrapper = new TWrapper(layer);
                foreach (var (parameter, transform) in LayerEntries(layer, config, null)) wrapper.Add(parameter, transform);
                return wrapper;
            default:
                foreach (var (name, child) in node.Modules().ToList())
                    if (Subtree(config, name) is { } sub) Replace(node, name, WrapParameters(child, sub));
                return node;
        }
    }

    /// <summary>Wraps the outputs of the layers whose configuration node has a <c>""</c> entry.</summary>
    public static Module WrapActivities(Module node, Tree<Transform> config)
    {
        if (node is ActWrapper aw)
        {
            if (OutputTransform(config) is { } more) aw.Add(more);
            return aw;
        }
        if (node is TWrapper || node.Modules().Count == 0)
        {
            if (OutputTransform(config) is not { } transform) return node;
            var wrapper = new ActWrapper(node);
            wrapper.Add(transform);
            return wrapper;
        }
        foreach (var (name, child) in node.Modules().ToList())
            if (Subtree(config, name) is { } sub) Replace(node, name, WrapActivities(child, sub));
        return node;
    }

    /// <summary>Replaces every wrapper below (and at) <paramref name="node"/> by its layer, values kept.</summary>
    public static Module Unwrap(Module node)
    {
        if (node is Wrapper wrapper)
        {
            var layer = wrapper.Layer;
            string? name = wrapper.Name;
            layer.Parent = null;
            layer.Name = name; // the plain name (Rockpool leaves it quoted)
            return layer;
        }
        foreach (var (name, child) in node.Modules().ToList())
        {
            var unwrapped = Unwrap(child);
            if (!ReferenceEquals(unwrapped, child)) node.ReplaceSubmodule(name, unwrapped);
        }
        return node;
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="name"/> is, if it is a new object.</summary>
    public static void Replace(Module parent, string name, Module replacement)
    {
        if (!ReferenceEquals(parent.Modules()[name], replacement)) parent.ReplaceSubmodule(name, replacement);
    }

    private static IEnumerable<(string Parameter, Transform Transform)> LayerEntries(Module at, Tree<Transform> config, string? nestedKey)
    {
        var entries = nestedKey is not null && Subtree(config, nestedKey) is { } nested ? nested : config;
        foreach (var (key, node) in entries.Children)
        {
            if (node is Transform t) yield return (key, t);
            else throw new QatHostException(
                $"{at.Path}: the transform configuration has a subtree \"{key}\" under a layer; expected parameter names.");
        }
    }

    private static Tree<Transform> Inner(Tree<Transform> config) => Subtree(config, "_mod") ?? config;

    private static Transform? OutputTransform(Tree<Transform> config) =>
        config.Children.FirstOrDefault(c => c.Key == "").Value as Transform
        ?? (Subtree(config, "_mod") is { } inner ? OutputTransform(inner) : null);

    private static Tree<Transform>? Subtree(Tree<Transform> config, string key) =>
        config.Children.FirstOrDefault(c => c.Key == key).Value as Tree<Transform>;
}
