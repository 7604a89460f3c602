using System.Text;
using QatHost.Sdk.Trees;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// Base of every network building block, with Rockpool's module semantics (spec 1.2-1.3): registered
/// attributes (parameters with families, simulation parameters, state) in registration order, named
/// submodules, trees of parameters and state, the <c>(output, state, record)</c> evolution API and
/// Rockpool's text form.
/// </summary>
/// <remarks>
/// A module owns the tensors of its attributes and its submodules; <see cref="Dispose"/> frees them.
/// Derived classes register attributes in their constructor and implement <see cref="Forward"/>, reading
/// parameters through <see cref="Get"/> so that the transformation pipeline can substitute transformed
/// values for one call.
/// </remarks>
public abstract class Module : IDisposable
{
    private List<ModuleAttribute> attributes = [];
    private OrderedDictionary<string, Module> submodules = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, Tensor>? substitutes;

    /// <summary>Creates a module of the given shape <c>(Nin, ..., Nout)</c>.</summary>
    protected Module(IReadOnlyList<long> shape, bool spikingInput = false, bool spikingOutput = false)
    {
        Shape = shape.ToArray();
        SpikingInput = spikingInput;
        SpikingOutput = spikingOutput;
    }

    /// <summary>The module's name as given by its parent (e.g. <c>"1_LIFTorch"</c>), or null at top level.</summary>
    public string? Name { get; internal set; }

    /// <summary>The module this one is a submodule of, or null.</summary>
    public Module? Parent { get; internal set; }

    /// <summary>The top of the network this module belongs to.</summary>
    public Module Root => Parent?.Root ?? this;

    /// <summary>The path from the top-level module, e.g. <c>"2_TorchResidual/1_LIFTorch"</c>; the class name
    /// for a top-level module, so that error messages always name something.</summary>
    public string Path => PathBelowRoot ?? Name ?? ClassName;

    // A wrapped layer ("_mod") is addressed by its wrapper's position: wrappers are not part of user paths.
    private string? PathBelowRoot => Parent is null ? null
        : Name == "_mod" ? Parent.PathBelowRoot
        : Parent.PathBelowRoot is { } parentPath ? $"{parentPath}/{Name}" : Name;

    /// <summary>Rockpool's class name, as printed and as used in automatic submodule names.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>The shape, at least <c>(Nin, Nout)</c> for a layer.</summary>
    public IReadOnlyList<long> Shape { get; protected set; }

    /// <summary>Input width (<c>shape[0]</c>).</summary>
    public long SizeIn => Shape[0];

    /// <summary>Output width (<c>shape[-1]</c>).</summary>
    public long SizeOut => Shape[^1];

    /// <summary>Whether the module expects spikes as input.</summary>
    public bool SpikingInput { get; protected set; }

    /// <summary>Whether the module emits spikes.</summary>
    public bool SpikingOutput { get; protected set; }

    /// <summary>Whether the module is training (the default) or evaluating. Transforms such as dropout act only
    /// while training. Set for a whole network with <see cref="SetTraining"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>The loss the last <c>Train</c> call on this network used (copies keep it), or null if it was never
    /// trained in this run; <c>Evaluate</c> uses it when given no loss.</summary>
    public Training.Loss? TrainedWith { get; internal set; }

    /// <summary>Training steps taken so far (optimizer updates), for transform schedules such as gradual pruning.</summary>
    public long TrainingStep { get; private set; }

    /// <summary>Switches this module and all below it to training (<c>true</c>) or evaluation (<c>false</c>).</summary>
    public void SetTraining(bool training)
    {
        foreach (var m in AllModules()) m.Training = training;
    }

    /// <summary>Sets the training step counter of this module and all below it.</summary>
    public void SetTrainingStep(long step)
    {
        foreach (var m in AllModules()) m.TrainingStep = step;
    }

    /// <summary>The registered attributes of this module (not of its submodules), in registration order.</summary>
    public IReadOnlyList<ModuleAttribute> Attributes => attributes;

    /// <summary>The direct submodules by name, in registration order (Rockpool's <c>modules()</c>).</summary>
    public IReadOnlyDictionary<string, Module> Modules() => submodules;

    /// <summary>The trainable parameters as a tree nested by submodule name. With families, only parameters of
    /// those families, and submodules without any are left out; without, every submodule appears (possibly
    /// empty), as in Rockpool.</summary>
    /// <param name="families">Family names such as <c>"weights"</c>; none for all parameters.</param>
    public TensorTree Parameters(params string[] families) =>
        Collect<Tensor, TensorTree>(AttributeKind.Parameter, families);

    /// <summary>The simulation parameters as a tree; leaves are tensors or plain values (dt, leak_mode...).</summary>
    public Tree<object> SimulationParameters(params string[] families) =>
        Collect<object, Tree<object>>(AttributeKind.SimulationParameter, families);

    /// <summary>The current state as a tree nested by submodule name.</summary>
    public TensorTree State() => Collect<Tensor, TensorTree>(AttributeKind.State, []);

    /// <summary>Everything an optimizer should train, depth-first: the parameters (Rockpool's
    /// <c>parameters().astorch()</c>) followed, per module, by trainable state of attached transforms
    /// (e.g. learned step sizes).</summary>
    public IEnumerable<Parameter> TrainableParameters() =>
        Parameters().Leaves().Select(leaf => (Parameter)leaf.Leaf)
            .Concat(AllModules().SelectMany(m => m.ExtraTrainableParameters()));

    /// <summary>Trainable tensors a module owns besides its registered parameters (none by default).</summary>
    protected virtual IEnumerable<Parameter> ExtraTrainableParameters() => [];

    /// <summary>A deep copy: new parameter and state tensors with the same values, new submodules, no parent.
    /// Attached transforms are shared (they hold no per-network values unless documented).</summary>
    public Module Copy()
    {
        var copy = (Module)MemberwiseClone();
        copy.Parent = null;
        copy.substitutes = null;
        copy.attributes = attributes.Select(a => a.CopyOwned()).ToList();
        copy.submodules = new OrderedDictionary<string, Module>(StringComparer.Ordinal);
        foreach (var (name, sub) in submodules)
        {
            var subCopy = sub.Copy();
            subCopy.Parent = copy;
            copy.submodules.Add(name, subCopy);
        }
        copy.OnCopied();
        return copy;
    }

    /// <summary>Called on a fresh <see cref="Copy"/> so a derived class can copy its own mutable fields.</summary>
    protected virtual void OnCopied() { }

    /// <summary>Every family name used by a parameter of this module or its submodules.</summary>
    public IReadOnlyList<string> ParameterFamilies() =>
        AllModules().SelectMany(m => m.attributes)
            .Where(a => a.Kind == AttributeKind.Parameter && a.Family is not null)
            .Select(a => a.Family!).Distinct().ToList();

    /// <summary>This module and every module below it, depth-first.</summary>
    public IEnumerable<Module> AllModules()
    {
        yield return this;
        foreach (var sub in submodules.Values)
            foreach (var m in sub.AllModules()) yield return m;
    }

    /// <summary>Sets every state of this module and its submodules back to its initial value.</summary>
    public void ResetState()
    {
        foreach (var a in attributes.Where(a => a.Kind == AttributeKind.State))
            a.Value = Owned(a.Reset!());
        foreach (var sub in submodules.Values) sub.ResetState();
    }

    /// <summary>
    /// Evolves the module over an input <c>(B, T, Nin)</c>, <c>(T, Nin)</c> or <c>(N,)</c> (Rockpool's
    /// batching rules, spec 1.3: a 1-D input is N samples of one time step, each value fed to every input
    /// channel, not a time series). State carries over between calls; call <see cref="ResetState"/> for
    /// independent runs.
    /// </summary>
    /// <exception cref="QatHostException">The input's shape does not fit, or it holds no samples (B = 0).</exception>
    /// <param name="input">Input tensor; converted to float32 if it is not.</param>
    /// <param name="record">Whether to record internal time series (vmem, isyn, irec, spikes).</param>
    public EvolveResult Evolve(Tensor input, bool record = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() is 1 or 3 && input.shape[0] == 0)
            throw new QatHostException(
                $"{Path}: input has shape {Shapes.Format(input.shape)}, a batch of 0 samples; evolve at least one sample.");
        if (Parent is null) EvolveMemory.Check(this, input.shape, record, is_grad_enabled());
        Tensor output;
        var recording = new TensorTree();
        using (var scope = NewDisposeScope())
        {
            var x = input.dtype == ScalarType.Float32 ? input : input.to_type(ScalarType.Float32);
            output = Forward(x, record, recording);
            output.MoveToOuterDisposeScope();
            recording.MoveToOuterDisposeScope();
        }
        return new EvolveResult(output, State(), recording);
    }

    /// <summary>
    /// Evolves with <paramref name="values"/> standing in for this module's parameters for this one call
    /// (Rockpool's <c>functional_call</c>); the stored parameters are untouched and gradients reach them
    /// through whatever produced the substitutes.
    /// </summary>
    /// <exception cref="QatHostException">A key is not a parameter of this module, or a shape differs.</exception>
    public EvolveResult EvolveWith(IReadOnlyDictionary<string, Tensor> values, Tensor input, bool record = false)
    {
        foreach (var (name, value) in values)
        {
            var attribute = FindAttribute(name, AttributeKind.Parameter);
            if (!Shapes.Equal(attribute.Tensor.shape, value.shape))
                throw new QatHostException(
                    $"{Path}: the value substituted for parameter \"{name}\" has shape {Shapes.Format(value.shape)}, " +
                    $"the parameter has shape {Shapes.Format(attribute.Tensor.shape)}.");
        }
        var previous = substitutes;
        substitutes = values;
        try { return Evolve(input, record); }
        finally { substitutes = previous; }
    }

    /// <summary>Computes the output and fills <paramref name="recording"/>; updates state through <see cref="SetState"/>.</summary>
    /// <param name="input">Float32 input as given to <see cref="Evolve"/> (not yet batched).</param>
    /// <param name="record">Whether time series should be recorded.</param>
    /// <param name="recording">The record tree to fill. Combinators always add <c>&lt;name&gt;_output</c>.</param>
    protected abstract Tensor Forward(Tensor input, bool record, TensorTree recording);

    /// <summary>The value of a tensor attribute, or the value substituted for it during <see cref="EvolveWith"/>.</summary>
    protected Tensor Get(string name) =>
        substitutes is not null && substitutes.TryGetValue(name, out var value) ? value : FindAttribute(name).Tensor;

    /// <summary>Replaces a state value (detached, owned by the module).</summary>
    protected void SetState(string name, Tensor value) =>
        FindAttribute(name, AttributeKind.State).Value = Owned(value.detach());

    /// <summary>Registers a trainable parameter (a float32 leaf that requires grad) under Rockpool's name and family.</summary>
    protected Parameter RegisterParameter(string name, string? family, Tensor data)
    {
        // Contiguous, whatever the initial value's layout (LinearTorch's default weight is a transpose):
        // optimizer state follows the parameter's layout, and TorchSharp saves only contiguous tensors.
        var parameter = new Parameter(data.detach().to_type(ScalarType.Float32).contiguous().clone(), requires_grad: true);
        Register(new ModuleAttribute(name, AttributeKind.Parameter, family, Owned(parameter), null));
        return parameter;
    }

    /// <summary>Registers a simulation parameter: a tensor (kept as float32 unless it is integral) or a plain value.</summary>
    protected void RegisterSimulationParameter(string name, object value, string? family = null) =>
        Register(new ModuleAttribute(name, AttributeKind.SimulationParameter, family,
            value is Tensor t ? Owned(t.detach().clone()) : value, null));

    /// <summary>Registers a state whose initial value <paramref name="initial"/> produces (again on reset).</summary>
    protected void RegisterState(string name, Func<Tensor> initial) =>
        Register(new ModuleAttribute(name, AttributeKind.State, null, Owned(initial()), initial));

    /// <summary>Adds a submodule under <paramref name="name"/>; the child takes that name (as in Rockpool).</summary>
    protected void RegisterSubmodule(string name, Module module)
    {
        if (submodules.ContainsKey(name))
            throw new QatHostException($"{Path}: a submodule named \"{name}\" already exists.");
        Adopt(name, module);
        submodules.Add(name, module);
    }

    /// <summary>Replaces the submodule <paramref name="name"/> in place, keeping its position; returns the old one.</summary>
    protected internal Module ReplaceSubmodule(string name, Module module)
    {
        var old = submodules.TryGetValue(name, out var existing)
            ? existing
            : throw new QatHostException($"{Path}: no submodule named \"{name}\".");
        if (old.Parent == this) old.Parent = null;
        Adopt(name, module);
        submodules[name] = module;
        return old;
    }

    /// <summary>The registered attribute <paramref name="name"/>; throws naming the module and the attributes that exist.</summary>
    public ModuleAttribute FindAttribute(string name, AttributeKind? kind = null)
    {
        var attribute = attributes.FirstOrDefault(a => a.Name == name && (kind is null || a.Kind == kind));
        if (attribute is not null) return attribute;
        var known = attributes.Where(a => kind is null || a.Kind == kind).Select(a => a.Name).ToList();
        string what = kind switch
        {
            AttributeKind.Parameter => "parameter",
            AttributeKind.State => "state",
            AttributeKind.SimulationParameter => "simulation parameter",
            _ => "attribute",
        };
        string hint = ExplainMissing(name)
            ?? (Naming.ClosestMatch(name, known) is { } close ? $" Did you mean \"{close}\"?" : "");
        throw new QatHostException(
            $"{Path}: no {what} \"{name}\".{hint} It has: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
    }

    /// <summary>A sentence explaining why <paramref name="name"/> is not an attribute here, when the module
    /// knows (e.g. a derived leak value); null otherwise.</summary>
    protected virtual string? ExplainMissing(string name) => null;

    /// <summary>
    /// Overwrites a parameter's values in place (the <see cref="Parameter"/> object stays the same, so an
    /// optimizer built earlier keeps training it).
    /// </summary>
    /// <exception cref="QatHostException">Unknown parameter or shape mismatch; nothing is changed.</exception>
    public void SetParameter(string name, Tensor value)
    {
        var parameter = FindAttribute(name, AttributeKind.Parameter).Tensor;
        if (!Shapes.Equal(parameter.shape, value.shape))
            throw new QatHostException(
                $"{Path}: parameter \"{name}\" has shape {Shapes.Format(parameter.shape)}; the new value has shape {Shapes.Format(value.shape)}.");
        using var noGrad = no_grad();
        parameter.copy_(value.to_type(ScalarType.Float32));
    }

    /// <summary>Why <paramref name="value"/> cannot be this module's parameter <paramref name="name"/>, by the
    /// constructor's rule (e.g. <c>"must be positive (seconds)"</c>), or null when it can. Loading a file or a
    /// checkpoint applies it. The base rule: every value finite.</summary>
    protected internal virtual string? ParameterProblem(string name, Tensor value)
    {
        using var scope = NewDisposeScope();
        return isfinite(value).all().item<bool>() ? null : "must be finite";
    }

    /// <summary>Writes parameters and simulation parameters in Rockpool's <c>TorchModule.save</c> JSON format.</summary>
    public void Save(string path) => RockpoolJson.Save(this, path);

    /// <summary>Reads Rockpool's <c>TorchModule.save</c> JSON format into this module. Everything is checked
    /// before anything is assigned: a structure mismatch changes nothing.</summary>
    public void Load(string path) => RockpoolJson.Load(this, path);

    /// <summary>Rockpool's text form (spec 1.2), e.g. <c>LIFTorch '1_LIFTorch' with shape (5, 5)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Render(text, 0);
        return text.ToString();
    }

    /// <summary>Frees the tensors this module owns and its submodules.</summary>
    public void Dispose()
    {
        foreach (var a in attributes)
            if (a.Value is Tensor t) t.Dispose();
        foreach (var sub in submodules.Values) sub.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Rockpool's <c>_auto_batch</c>: brings input to <c>(B, T, Nin)</c> and checks its width.</summary>
    protected Tensor AutoBatch(Tensor input)
    {
        var x = input.dim() switch
        {
            1 => input.unsqueeze(1).unsqueeze(2),
            2 => input.unsqueeze(0),
            3 => input,
            _ => throw new QatHostException(
                $"{Path}: input has shape {Shapes.Format(input.shape)}; expected (B, T, {SizeIn}) or (T, {SizeIn}) " +
                $"(or (N,): N samples of one time step each, every value fed to all {SizeIn} channels, Rockpool's rule for 1-D input)."),
        };
        if (x.shape[2] == 1 && SizeIn != 1) x = x.expand(x.shape[0], x.shape[1], SizeIn);
        if (x.shape[2] != SizeIn)
            throw new QatHostException(
                $"{Path}: input has wrong neuron dimension: it is {x.shape[2]}, must be {SizeIn} (input shape {Shapes.Format(input.shape)}).");
        return x;
    }

    /// <summary>Replicates a state over the batch as a new tensor (<c>ones(B, *shape) * state</c>).</summary>
    protected static Tensor BatchState(Tensor state, long batches) =>
        ones([batches, .. state.shape], ScalarType.Float32) * state;

    private void Register(ModuleAttribute attribute)
    {
        if (attributes.Any(a => a.Name == attribute.Name))
            throw new InvalidOperationException($"{ClassName}: attribute \"{attribute.Name}\" is registered twice.");
        attributes.Add(attribute);
    }

    private void Adopt(string name, Module module)
    {
        if (module.Parent is not null && module.Parent != this)
            throw new QatHostException(
                $"{module.Path}: this module already belongs to a network; a module can have only one parent.");
        module.Name = name;
        module.Parent = this;
    }

    private static T Owned<T>(T tensor) where T : Tensor
    {
        tensor.DetachFromDisposeScope();
        return tensor;
    }

    private TTree Collect<TLeaf, TTree>(AttributeKind kind, string[] families)
        where TLeaf : notnull where TTree : Tree<TLeaf>, new()
    {
        var tree = new TTree();
        foreach (var a in attributes)
        {
            if (a.Kind != kind) continue;
            if (families.Length > 0 && (a.Family is null || !families.Contains(a.Family, StringComparer.Ordinal))) continue;
            tree.Set(a.Name, (TLeaf)a.Value);
        }
        foreach (var (name, sub) in submodules)
        {
            var subtree = sub.Collect<TLeaf, TTree>(kind, families);
            if (families.Length > 0 && subtree.IsEmpty) continue;
            tree.Set(name, subtree);
        }
        return tree;
    }

    private void Render(StringBuilder text, int depth)
    {
        string quoted = string.IsNullOrEmpty(Name) ? "" : $"'{Name}'";
        text.Append(' ', depth * 4).Append($"{ClassName} {quoted} with shape {Shapes.Format(Shape)}");
        if (submodules.Count == 0) return;
        text.Append(" {");
        foreach (var sub in submodules.Values)
        {
            text.Append('\n');
            sub.Render(text, depth + 1);
        }
        text.Append('\n').Append(' ', depth * 4).Append('}');
    }
}
