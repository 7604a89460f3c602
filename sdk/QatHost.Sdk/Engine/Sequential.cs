using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// A chain of modules, Rockpool's <c>TorchSequential</c> (spec 4.1). Submodules are named
/// <c>"{index}_{ClassName}"</c>; each one's output feeds the next. The record holds each submodule's
/// record under its name and, always (even without <c>record: true</c>), its output under
/// <c>"&lt;name&gt;_output"</c>, detached from the graph.
/// </summary>
public class Sequential : Module
{
    /// <summary>Chains <paramref name="modules"/> in order.</summary>
    /// <exception cref="QatHostException">A module's input width differs from the previous output width.</exception>
    public Sequential(params Module[] modules) : base([0])
    {
        foreach (var module in modules) Append(module);
    }

    /// <inheritdoc/>
    public override string ClassName => "TorchSequential";

    /// <summary>The submodule at <paramref name="index"/> (negative counts from the end).</summary>
    public Module this[int index]
    {
        get
        {
            var list = Modules().Values.ToList();
            int i = index < 0 ? list.Count + index : index;
            return i >= 0 && i < list.Count
                ? list[i]
                : throw new QatHostException($"{Path}: no submodule at index {index}; it has {list.Count}.");
        }
    }

    /// <summary>The submodule named <paramref name="name"/>.</summary>
    public Module this[string name] => Modules().TryGetValue(name, out var module)
        ? module
        : throw new QatHostException(
            $"{Path}: no submodule \"{name}\".{(Naming.ClosestMatch(name, Modules().Keys) is { } c ? $" Did you mean \"{c}\"?" : "")} " +
            $"Submodules: {string.Join(", ", Modules().Keys)}.");

    /// <summary>Adds <paramref name="module"/> at the end, named <c>"{count}_{ClassName}"</c> unless named.</summary>
    public void Append(Module module, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        int count = Modules().Count;
        name ??= $"{count}_{module.ClassName}";
        if (Modules().ContainsKey(name))
            throw new QatHostException(
                $"{Path}: submodule \"{name}\" already exists in Sequential network. Cannot append a module with the same name.");
        if (count == 0)
        {
            SpikingInput = module.SpikingInput;
        }
        else
        {
            var last = this[-1];
            if (last.SizeOut != module.SizeIn)
                throw new QatHostException(
                    $"{Path}: the output of submodule {count - 1} ({last.ClassName}) does not match the input shape of " +
                    $"submodule {count} ({module.ClassName}): {last.SizeOut} ≠ {module.SizeIn}.");
        }
        RegisterSubmodule(name, module);
        Shape = [this[0].SizeIn, module.SizeOut];
        SpikingOutput = module.SpikingOutput;
    }

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor input, bool record, TensorTree recording)
    {
        if (Modules().Count == 0) throw new QatHostException($"{Path}: cannot evolve an empty Sequential.");
        var x = input;
        foreach (var (name, module) in Modules())
        {
            var result = module.Evolve(x, record);
            x = result.Output;
            recording.Set(name, result.Record);
            recording.Set(name + "_output", x.detach());
        }
        return x;
    }
}
