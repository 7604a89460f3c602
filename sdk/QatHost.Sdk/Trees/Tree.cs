using System.Text;

namespace QatHost.Sdk.Trees;

/// <summary>
/// An ordered tree of named nodes, the shape of Rockpool's nested dictionaries: every node is either a
/// leaf of type <typeparamref name="TLeaf"/> or a subtree. Insertion order is kept and all traversals are
/// depth-first in that order (spec 5). Paths join keys with <c>/</c>, as in <c>"2_TorchResidual/1_LIFTorch/vmem"</c>.
/// </summary>
public class Tree<TLeaf> where TLeaf : notnull
{
    private readonly OrderedDictionary<string, object> nodes = new(StringComparer.Ordinal);

    /// <summary>Number of direct children (leaves and subtrees).</summary>
    public int Count => nodes.Count;

    /// <summary>The keys of the direct children, in insertion order.</summary>
    public IEnumerable<string> Keys => nodes.Keys;

    /// <summary>True when the tree has no children at all.</summary>
    public bool IsEmpty => nodes.Count == 0;

    /// <summary>Adds or replaces a leaf. A replaced key keeps its position.</summary>
    public void Set(string key, TLeaf leaf) => nodes[key] = leaf;

    /// <summary>Adds or replaces a subtree. A replaced key keeps its position.</summary>
    public void Set(string key, Tree<TLeaf> subtree) => nodes[key] = subtree;

    /// <summary>Removes a direct child; returns whether it was there.</summary>
    public bool Remove(string key) => nodes.Remove(key);

    /// <summary>True when <paramref name="key"/> names a direct child.</summary>
    public bool ContainsKey(string key) => nodes.ContainsKey(key);

    /// <summary>True when <paramref name="path"/> names a leaf or a subtree anywhere below.</summary>
    public bool Contains(string path) => TryFind(path, out _);

    /// <summary>The leaf at <paramref name="path"/>; throws naming the path and the keys that exist.</summary>
    public TLeaf this[string path] => Find(path) is var node && node is not Tree<TLeaf>
        ? (TLeaf)node
        : throw new KeyNotFoundException($"\"{path}\" is a subtree, not a leaf.");

    /// <summary>The subtree at <paramref name="path"/>; throws naming the path and the keys that exist.</summary>
    public Tree<TLeaf> Subtree(string path) => Find(path) is Tree<TLeaf> tree
        ? tree
        : throw new KeyNotFoundException($"\"{path}\" is a leaf, not a subtree.");

    /// <summary>The direct children, each a <typeparamref name="TLeaf"/> or a <see cref="Tree{TLeaf}"/>.</summary>
    public IEnumerable<KeyValuePair<string, object>> Children => nodes;

    /// <summary>Every leaf with its full path, depth-first in insertion order (Rockpool's <c>branches</c>).</summary>
    public IEnumerable<(string Path, TLeaf Leaf)> Leaves(string prefix = "")
    {
        foreach (var (key, node) in nodes)
        {
            string path = prefix.Length == 0 ? key : prefix + "/" + key;
            if (node is Tree<TLeaf> sub)
                foreach (var leaf in sub.Leaves(path)) yield return leaf;
            else
                yield return (path, (TLeaf)node);
        }
    }

    /// <summary>A tree of the same structure with <paramref name="map"/> applied to each leaf; empty subtrees stay.</summary>
    public Tree<TOut> Map<TOut>(Func<string, TLeaf, TOut> map, string prefix = "") where TOut : notnull
    {
        var result = new Tree<TOut>();
        foreach (var (key, node) in nodes)
        {
            string path = prefix.Length == 0 ? key : prefix + "/" + key;
            if (node is Tree<TLeaf> sub) result.Set(key, sub.Map(map, path));
            else result.Set(key, map(path, (TLeaf)node));
        }
        return result;
    }

    /// <summary>Renders the tree indented by four spaces per level, one node per line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Render(text, 0);
        return text.Length == 0 ? "{}" : text.ToString().TrimEnd('\n');
    }

    /// <summary>How a leaf is shown by <see cref="ToString"/>.</summary>
    protected virtual string DescribeLeaf(TLeaf leaf) => leaf.ToString() ?? "";

    private void Render(StringBuilder text, int depth)
    {
        foreach (var (key, node) in nodes)
        {
            text.Append(' ', depth * 4).Append(key).Append(':');
            if (node is Tree<TLeaf> sub)
            {
                text.Append(sub.IsEmpty ? " {}\n" : "\n");
                sub.Render(text, depth + 1);
            }
            else
            {
                text.Append(' ').Append(DescribeLeaf((TLeaf)node)).Append('\n');
            }
        }
    }

    private object Find(string path) => TryFind(path, out var node)
        ? node!
        : throw new KeyNotFoundException(MissingMessage(path));

    private bool TryFind(string path, out object? node)
    {
        node = this;
        foreach (string key in path.Split('/'))
        {
            if (node is not Tree<TLeaf> tree || !tree.nodes.TryGetValue(key, out node)) return false;
        }
        return true;
    }

    private string MissingMessage(string path)
    {
        var known = Leaves().Select(l => l.Path).ToList();
        string suggestion = Naming.ClosestMatch(path, known) is { } close ? $" Did you mean \"{close}\"?" : "";
        return $"No entry \"{path}\" in this tree.{suggestion} Entries: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}";
    }
}
