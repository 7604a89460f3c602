using System.Text;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Transforms;
using QatHost.Sdk.Trees;

namespace QatHost.Sdk.Pipeline;

/// <summary>
/// A transform configuration tree, Rockpool's <c>T_config</c> (spec 7.1): nested by module name like the
/// network; parameter configurations have parameter names as leaves (<c>{"0_LinearTorch": {"weight": T}}</c>),
/// activity configurations the key <c>""</c> for the module's output. Merge with <see cref="Merge"/>
/// (Rockpool's <c>tree_update</c>: later wins).
/// </summary>
public sealed class TransformConfig : Tree<Transform>
{
    /// <summary>Rockpool's <c>make_param_T_config(net, T, family)</c>: <paramref name="transform"/> for every
    /// parameter of the given families (all parameters when none are given).</summary>
    public static TransformConfig ForParameters(Module net, Transform transform, params string[] families) =>
        From(net.Parameters(families), transform);

    /// <summary>Rockpool's <c>make_act_T_config(net, T, ModuleClass)</c>: <paramref name="transform"/> on the
    /// output of every module of type <paramref name="moduleType"/> (every module when null). Every module
    /// appears as a node; modules without a transform have no <c>""</c> entry (Rockpool writes None there).</summary>
    public static TransformConfig ForActivities(Module net, Transform? transform = null, Type? moduleType = null)
    {
        var config = new TransformConfig();
        var layer = net is Wrapper w ? w.Layer : net;
        if (transform is not null && (moduleType is null || moduleType.IsInstanceOfType(layer)))
            config.Set("", transform);
        foreach (var (name, sub) in net.Modules())
            config.Set(name, ForActivities(sub, transform, moduleType));
        return config;
    }

    /// <summary>Rockpool's <c>tree_update(this, other)</c>, as a new tree: entries of <paramref name="other"/>
    /// are added or replace this tree's; subtrees merge recursively.</summary>
    /// <exception cref="QatHostException">A leaf of one tree is a subtree in the other.</exception>
    public TransformConfig Merge(TransformConfig other) => (TransformConfig)MergeInto(Clone(this), other, "");

    /// <summary>Prints one line per transformed entry: module path, then parameter (or "output"), then transform.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (path, transform) in Leaves())
        {
            int slash = path.LastIndexOf('/');
            string module = slash < 0 ? "(network)" : path[..slash];
            string target = path[(slash + 1)..] is { Length: > 0 } p ? p : "output";
            text.Append(module).Append(" → ").Append(target).Append(" → ").Append(transform.Description).Append('\n');
        }
        return text.Length == 0 ? "(no transforms)" : text.ToString().TrimEnd('\n');
    }

    private static TransformConfig From(TensorTree parameters, Transform transform)
    {
        var config = new TransformConfig();
        foreach (var (key, node) in parameters.Children)
        {
            if (node is TensorTree sub) config.Set(key, From(sub, transform));
            else config.Set(key, transform);
        }
        return config;
    }

    private static Tree<Transform> Clone(Tree<Transform> tree)
    {
        var copy = new TransformConfig();
        foreach (var (key, node) in tree.Children)
        {
            if (node is Tree<Transform> sub) copy.Set(key, Clone(sub));
            else copy.Set(key, (Transform)node);
        }
        return copy;
    }

    private static Tree<Transform> MergeInto(Tree<Transform> target, Tree<Transform> additional, string path)
    {
        foreach (var (key, node) in additional.Children)
        {
            string here = path.Length == 0 ? key : $"{path}/{key}";
            var existing = target.Children.FirstOrDefault(c => c.Key == key).Value;
            if (node is Tree<Transform> sub)
            {
                if (existing is Tree<Transform> targetSub) MergeInto(targetSub, sub, here);
                else if (existing is null) target.Set(key, Clone(sub));
                else throw new QatHostException($"Cannot merge transform configurations at \"{here}\": a transform in one, a module in the other.");
            }
            else
            {
                if (existing is Tree<Transform>)
                    throw new QatHostException($"Cannot merge transform configurations at \"{here}\": a module in one, a transform in the other.");
                target.Set(key, (Transform)node);
            }
        }
        return target;
    }
}
