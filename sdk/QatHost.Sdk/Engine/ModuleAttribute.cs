using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// One registered attribute of a module: its name as Rockpool spells it (the key in saved files and
/// oracles), its kind, its family and its value. Tensor-valued attributes hold <see cref="Tensor"/>;
/// simulation parameters may instead hold a plain value (dt as a double, leak_mode as a string...).
/// </summary>
public sealed class ModuleAttribute
{
    internal ModuleAttribute(string name, AttributeKind kind, string? family, object value, Func<Tensor>? reset)
    {
        Name = name;
        Kind = kind;
        Family = family;
        Value = value;
        Reset = reset;
    }

    /// <summary>Rockpool's attribute name, e.g. <c>"tau_mem"</c>.</summary>
    public string Name { get; }

    /// <summary>Parameter, simulation parameter or state.</summary>
    public AttributeKind Kind { get; }

    /// <summary>The family (<c>"weights"</c>, <c>"taus"</c>, <c>"bias"</c>...), or null.</summary>
    public string? Family { get; }

    /// <summary>The current value: a <see cref="Tensor"/>, or for some simulation parameters a plain value.</summary>
    public object Value { get; internal set; }

    /// <summary>The value as a tensor; throws if this attribute holds a plain value.</summary>
    public Tensor Tensor => Value as Tensor
        ?? throw new InvalidOperationException($"Attribute \"{Name}\" holds a {Value.GetType().Name}, not a tensor.");

    /// <summary>A copy holding its own tensor (a new leaf <see cref="TorchSharp.Modules.Parameter"/> for parameters).</summary>
    internal ModuleAttribute CopyOwned()
    {
        object value = Value switch
        {
            TorchSharp.Modules.Parameter p => new TorchSharp.Modules.Parameter(p.detach().clone(), requires_grad: p.requires_grad),
            Tensor t => t.detach().clone(),
            var plain => plain,
        };
        if (value is Tensor owned) owned.DetachFromDisposeScope();
        return new ModuleAttribute(Name, Kind, Family, value, Reset);
    }

    /// <summary>Produces the initial value again (for states and <c>reset_parameters</c>).</summary>
    internal Func<Tensor>? Reset { get; }
}
