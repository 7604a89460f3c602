using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>
/// A network's trainable tensors in <see cref="Module.TrainableParameters"/> order, each with a stable key
/// (<c>"0_LinearTorch/weight"</c>, <c>"0_LinearTorch/weight: Lsq(bits: 4) #0"</c> for a transform's
/// state) and family, for checkpoints and error messages.
/// </summary>
internal sealed class NamedParameters
{
    private NamedParameters(IReadOnlyList<Entry> entries) => Entries = entries;

    public sealed record Entry(string Key, string? Family, Parameter Parameter, Module? Owner = null, string? Attribute = null)
    {
        /// <summary>Why <paramref name="value"/> cannot be this parameter (the owning module's constructor rule, or
        /// "must be finite" for transform state), or null when it can.</summary>
        public string? Problem(Tensor value)
        {
            if (Owner is not null && Attribute is not null) return Owner.ParameterProblem(Attribute, value);
            using var scope = NewDisposeScope();
            return isfinite(value).all().item<bool>() ? null : "must be finite";
        }

        /// <summary>How the parameter is named in errors: <c>"1_LIFTorch/tau_mem" (family "taus")</c>.</summary>
        public string Describe() => $"\"{Key}\"" + (Family is null ? "" : $" (family \"{Family}\")");
    }

    public IReadOnlyList<Entry> Entries { get; }

    public IEnumerable<Parameter> Parameters => Entries.Select(e => e.Parameter);

    /// <summary>The parameters of <paramref name="families"/> (all when null) and every transform's trainable state.</summary>
    public IEnumerable<Parameter> Trained(string[]? families) => Entries
        .Where(e => families is null || e.Family is null || families.Contains(e.Family, StringComparer.Ordinal))
        .Select(e => e.Parameter);

    public static NamedParameters Of(Module net)
    {
        var known = new Dictionary<Parameter, (string Key, string? Family, Module? Owner, string? Attribute)>(ReferenceEqualityComparer.Instance);
        foreach (var module in net.AllModules())
        {
            string prefix = module.Parent is null ? "" : module.Path + "/";
            foreach (var a in module.Attributes.Where(a => a.Kind == AttributeKind.Parameter && a.Value is Parameter))
                known.TryAdd((Parameter)a.Value, (prefix + a.Name, a.Family, module, a.Name));
            var chains = module switch
            {
                TWrapper t => t.Transforms.Select(c => (Target: c.Key, Chain: c.Value)),
                ActWrapper a => [("output", a.Transforms)],
                _ => [],
            };
            foreach (var (target, chain) in chains)
                foreach (var transform in chain)
                {
                    int index = 0;
                    foreach (var p in transform.TrainableParameters())
                        known.TryAdd(p, ($"{prefix}{target}: {transform.Description} #{index++}", null, null, null));
                }
        }
        var entries = net.TrainableParameters().Select((p, i) =>
            known.TryGetValue(p, out var name) ? new Entry(name.Key, name.Family, p, name.Owner, name.Attribute) : new Entry($"trainable #{i}", null, p));
        return new NamedParameters(entries.ToList());
    }

    /// <summary>The first parameter whose value (or, with <paramref name="gradients"/>, gradient) is NaN or infinite.</summary>
    public Entry? FirstNonFinite(bool gradients = false)
    {
        using var scope = NewDisposeScope();
        // Float32 CPU tensors (the usual case, checked after every batch) are read in place: no Torch operations.
        var direct = Entries.Select(e => gradients ? e.Parameter.grad : e.Parameter).ToList();
        if (direct.All(t => t is null || (t.device_type == TorchSharp.DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous())))
        {
            for (int k = 0; k < direct.Count; k++)
                if (direct[k] is { } t && !AllFinite(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.bytes)))
                    return Entries[k];
            return null;
        }
        using var noGrad = no_grad();
        var tensors = Entries.Select(e => gradients ? e.Parameter.grad : e.Parameter).ToList();
        var present = tensors.Select((t, i) => (t, i)).Where(x => x.t is not null).ToList();
        if (present.Count == 0) return null;
        var finite = stack(present.Select(x => isfinite(x.t!).all()).ToArray());
        if (finite.all().item<bool>()) return null;
        var flags = finite.data<bool>().ToArray();
        return Entries[present[Array.IndexOf(flags, false)].i];
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(values);
        var limit = new System.Numerics.Vector<float>(float.MaxValue);
        // |x| <= MaxValue is false for NaN and for ±infinity.
        foreach (var v in vectors)
            if (!System.Numerics.Vector.LessThanOrEqualAll(System.Numerics.Vector.Abs(v), limit)) return false;
        for (int k = vectors.Length * System.Numerics.Vector<float>.Count; k < values.Length; k++)
            if (!float.IsFinite(values[k])) return false;
        return true;
    }
}
