using System.Text;
using System.Text.Json.Nodes;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Transforms;
using QatHost.Sdk.Trees;

namespace QatHost.Tests.Oracle;

/// <summary>Canonical text forms of module structures and configuration trees, so QatHost's can be compared
/// with the goldens' JSON (which writes functions as "&lt;T_fn&gt;" and shapes as lists).</summary>
public static class OracleStructure
{
    /// <summary>The module tree as class/name/shape nesting, in submodule order.</summary>
    public static string Of(Module module) =>
        $"{module.ClassName} '{module.Name ?? ""}' ({string.Join(",", module.Shape)})" +
        (module.Modules().Count == 0 ? "" : "{" + string.Join(";", module.Modules().Values.Select(Of)) + "}");

    /// <summary>The same form for a golden's <c>{class, name, shape, children}</c> description.</summary>
    public static string Of(JsonNode node) =>
        $"{node["class"]!.GetValue<string>()} '{node["name"]!.GetValue<string>()}' " +
        $"({string.Join(",", node["shape"]!.AsArray().Select(s => s!.GetValue<long>()))})" +
        (node["children"] is JsonArray children && children.Count > 0
            ? "{" + string.Join(";", children.Select(c => Of(c!))) + "}" : "");

    /// <summary>A tree with transforms shown as &lt;T_fn&gt;, keys sorted (Rockpool's order for family
    /// tuples depends on Python set ordering, so order is not compared).</summary>
    public static string Of<TLeaf>(Tree<TLeaf> tree, Func<TLeaf, string> leaf) where TLeaf : notnull
    {
        var text = new StringBuilder("{");
        foreach (var (key, node) in tree.Children.OrderBy(c => c.Key, StringComparer.Ordinal))
            text.Append(key).Append(':').Append(node is Tree<TLeaf> sub ? Of(sub, leaf) : leaf((TLeaf)node)).Append(',');
        return text.Append('}').ToString();
    }

    /// <summary>A golden JSON tree in the same form; null leaves (Rockpool's "no transform") are dropped.</summary>
    public static string Of(JsonNode? node, Func<JsonNode, string> leaf)
    {
        var text = new StringBuilder("{");
        foreach (var (key, value) in node!.AsObject().OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (value is null) continue;
            text.Append(key).Append(':').Append(value is JsonObject ? Of(value, leaf) : leaf(value)).Append(',');
        }
        return text.Append('}').ToString();
    }

    /// <summary>A shape list leaf as text.</summary>
    public static string Shape(JsonNode leaf) => string.Join(",", leaf.AsArray().Select(s => s!.GetValue<long>()));

    /// <summary>A tensor leaf's shape as text.</summary>
    public static string Shape(TorchSharp.torch.Tensor leaf) => string.Join(",", leaf.shape);

    /// <summary>Every transform leaf prints as Rockpool's placeholder.</summary>
    public static string Function(Transform _) => "<T_fn>";

    /// <summary>Golden function leaves are the placeholder string.</summary>
    public static string Function(JsonNode leaf) => leaf.GetValue<string>();
}
