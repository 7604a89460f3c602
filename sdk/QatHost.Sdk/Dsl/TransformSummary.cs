using System.Text;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Sdk.Transforms;

namespace QatHost.Sdk.Dsl;

/// <summary>The transforms attached in a network, as <c>net.Transforms()</c> shows them:
/// <c>0_LinearTorch → weight (weights) → Rounding.Stochastic(levels: 16)</c>.</summary>
public sealed class TransformSummary
{
    internal TransformSummary(Module net)
    {
        var entries = new List<Entry>();
        foreach (var module in net.AllModules())
        {
            if (module is TWrapper tw)
                foreach (var (parameter, chain) in tw.Transforms)
                    entries.Add(new Entry(tw.Path, parameter, tw.Wrapped.FindAttribute(parameter).Family, chain));
            else if (module is ActWrapper aw)
                entries.Add(new Entry(aw.Path, "output", null, aw.Transforms));
        }
        Entries = entries;
    }

    /// <summary>One transformed target: module path, parameter name (or "output"), its family, the chain.</summary>
    public sealed record Entry(string ModulePath, string Target, string? Family, IReadOnlyList<Transform> Chain);

    /// <summary>Every transformed target, in network order.</summary>
    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>True when no transform is attached.</summary>
    public bool IsEmpty => Entries.Count == 0;

    /// <inheritdoc/>
    public override string ToString()
    {
        if (IsEmpty) return "(no transforms)";
        var text = new StringBuilder();
        foreach (var e in Entries)
        {
            string target = e.Family is null ? e.Target : $"{e.Target} ({e.Family})";
            text.Append(e.ModulePath).Append(" → ").Append(target).Append(" → ")
                .Append(string.Join(" → ", e.Chain.Select(t => t.Description))).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }
}
