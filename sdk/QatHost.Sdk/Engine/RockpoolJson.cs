using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// Rockpool's <c>TorchModule.save</c> / <c>load</c> JSON format: one object per module, nested by submodule
/// name, holding parameters and simulation parameters. Each value is itself a JSON text in a string, as
/// Python's <c>json.dumps</c> writes it (<c>"weight": "[[0.1, -0.2], ...]"</c>, <c>"dt": "0.001"</c>);
/// functions are <c>null</c>.
/// </summary>
/// <remarks>
/// Deliberate differences from Rockpool (docs/differences-from-rockpool.md): string-valued simulation
/// parameters (<c>leak_mode</c>) are not written, because Rockpool can neither save nor load them; the leak
/// mode is recognised from the parameter names instead. Loading checks the whole file against the network
/// before assigning anything, and treats a missing parameter, an unknown module or parameter, a shape
/// difference, or a differing <c>dt</c>/<c>noise_std</c>/<c>_has_rec</c> as an error (Rockpool ignores them
/// or crashes half-way).
/// </remarks>
internal static class RockpoolJson
{
    public static void Save(Module module, string path)
    {
        // The format (JSON numbers) cannot hold NaN or infinity: refuse rather than write a file Load rejects.
        foreach (var m in module.AllModules())
            foreach (var a in m.Attributes.Where(a => a.Kind == AttributeKind.Parameter && a.Value is Tensor))
            {
                using var scope = NewDisposeScope();
                if (!isfinite(a.Tensor).all().item<bool>())
                    throw new QatHostException(
                        $"{path}: cannot save: parameter \"{(m.Parent is null ? "" : m.Path + "/")}{a.Name}\" holds NaN or infinity " +
                        $"({LIFTorch.Describe(a.Tensor)}), which the file format cannot hold. Nothing was written.");
            }
        var json = ToJson(module).ToJsonString();
        AtomicFile.WriteAllText(path, json);
    }

    public static void Load(Module module, string path)
    {
        if (!File.Exists(path)) throw new QatHostException($"{path}: file not found.");
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new QatHostException($"{path}: expected a JSON object of parameters nested by module name.");
        }
        catch (JsonException e)
        {
            throw new QatHostException($"{path}: not valid JSON: {e.Message}", e);
        }

        var assignments = new List<Action>();
        Plan(module, root, "", path, assignments);
        foreach (var assign in assignments) assign();
    }

    private static JsonObject ToJson(Module module)
    {
        var node = new JsonObject();
        foreach (var kind in new[] { AttributeKind.Parameter, AttributeKind.SimulationParameter })
            foreach (var attribute in module.Attributes.Where(a => a.Kind == kind))
            {
                switch (attribute.Value)
                {
                    case Tensor t: node[attribute.Name] = Text(t); break;
                    case double d: node[attribute.Name] = Number(d); break;
                    case bool b: node[attribute.Name] = b ? "true" : "false"; break;
                    case SpikeGeneration: node[attribute.Name] = null; break; // a function in Rockpool
                    case string: break; // leak_mode: Rockpool's save cannot write strings
                }
            }
        foreach (var (name, sub) in module.Modules()) node[name] = ToJson(sub);
        return node;
    }

    private static void Plan(Module module, JsonObject node, string modulePath, string file, List<Action> assignments)
    {
        string Where(string key) => modulePath.Length == 0 ? key : $"{modulePath}/{key}";
        var seenParameters = new HashSet<string>();
        foreach (var (key, value) in node)
        {
            if (value is JsonObject child)
            {
                if (key == "_mod" && !module.Modules().ContainsKey(key))
                    throw new QatHostException(
                        $"{file}: \"{Where(key)}\" is a layer saved with transforms attached (\"_mod\" is the layer inside its " +
                        $"transform wrapper), but {module.ClassName} \"{module.Path}\" in this network has no transforms. Save the " +
                        "network after net.BurnIn() and net.RemoveTransforms(), or attach the same transforms before Load.");
                if (!module.Modules().TryGetValue(key, out var sub))
                    throw new QatHostException(
                        $"{file}: module \"{Where(key)}\" is in the file but not in the network. " +
                        $"Submodules here: {(module.Modules().Count == 0 ? "none" : string.Join(", ", module.Modules().Keys))}.");
                Plan(sub, child, Where(key), file, assignments);
                continue;
            }
            if (value is null) continue; // a function (spike_generation_fn)
            var attribute = module.Attributes.FirstOrDefault(a => a.Name == key && a.Kind != AttributeKind.State)
                ?? throw UnknownAttribute(module, key, Where(key), file);
            var data = ParseValue(value, Where(key), file);
            if (attribute.Kind == AttributeKind.Parameter) seenParameters.Add(key);
            assignments.Add(PlanAssignment(module, attribute, data, Where(key), file));
        }
        var missing = module.Attributes.Where(a => a.Kind == AttributeKind.Parameter && !seenParameters.Contains(a.Name)).ToList();
        if (missing.Count > 0)
            throw new QatHostException(
                $"{file}: parameter \"{Where(missing[0].Name)}\" of the network is not in the file" +
                (module.Modules().Count == 0 && modulePath.Length > 0 && !node.Any() ? $" (module \"{modulePath}\" is missing)." : "."));
        foreach (var name in module.Modules().Keys)
            if (!node.ContainsKey(name) && module.Modules()[name].Parameters().Leaves().Any())
                throw new QatHostException($"{file}: module \"{Where(name)}\" of the network is not in the file.");
    }

    private static Action PlanAssignment(Module module, ModuleAttribute attribute, JsonNode data, string where, string file)
    {
        switch (attribute.Value)
        {
            case Tensor current:
            {
                var (shape, values) = Flatten(data, where, file);
                if (!Shapes.Equal(shape, current.shape))
                    throw new QatHostException(
                        $"{file}: \"{where}\" has shape {Shapes.Format(shape)} in the file but {Shapes.Format(current.shape)} in the network.");
                var loaded = tensor(values).reshape(shape);
                loaded.DetachFromDisposeScope();
                if (attribute.Kind == AttributeKind.Parameter && module.ParameterProblem(attribute.Name, loaded) is { } problem)
                    throw new QatHostException(
                        $"{file}: \"{where}\" is {LIFTorch.Describe(loaded)} in the file, but {attribute.Name} {problem}" +
                        $"{(module is LIFTorch ? " (LIFTorch's constructor refuses it too)" : "")}. Nothing was loaded.");
                return attribute.Kind == AttributeKind.Parameter
                    ? () => module.SetParameter(attribute.Name, loaded)
                    : () => { using var _ = no_grad(); current.copy_(loaded); };
            }
            case double d:
            {
                double fileValue = data.GetValueKind() == JsonValueKind.Number ? data.GetValue<double>()
                    : throw new QatHostException($"{file}: \"{where}\" should be a number; found {data.ToJsonString()}.");
                if (Math.Abs(fileValue - d) > 1e-12 * Math.Max(1, Math.Abs(d)))
                    throw new QatHostException(
                        $"{file}: \"{where}\" is {Format(fileValue)} in the file but {Format(d)} in the network; " +
                        "build the network with the same value.");
                return () => { };
            }
            case bool b:
            {
                bool fileValue = data.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? data.GetValue<bool>()
                    : throw new QatHostException($"{file}: \"{where}\" should be true or false; found {data.ToJsonString()}.");
                if (fileValue != b)
                    throw new QatHostException(
                        $"{file}: \"{where}\" is {fileValue.ToString().ToLowerInvariant()} in the file but {b.ToString().ToLowerInvariant()} " +
                        "in the network (recurrent layers must match).");
                return () => { };
            }
            default:
                return () => { };
        }
    }

    private static QatHostException UnknownAttribute(Module module, string key, string where, string file)
    {
        if (module is Pipeline.Wrapper wrapper)
            return new QatHostException(
                $"{file}: \"{where}\" was saved from a layer without transforms, but \"{module.Path}\" in this network has " +
                $"transforms attached (a {module.ClassName} around its {wrapper.Layer.ClassName}). Load into the network before " +
                "attaching transforms, or call net.RemoveTransforms() first and attach them again after Load.");
        if (module is LIFTorch lif)
        {
            foreach (var mode in Enum.GetValues<LeakMode>())
            {
                var (mem, syn) = mode.ParameterNames();
                if (mode != lif.LeakMode && (key == mem || key == syn))
                {
                    var (ownMem, ownSyn) = lif.LeakMode.ParameterNames();
                    return new QatHostException(
                        $"{file}: leak mode differs at \"{module.Path}\": the file has {mode.RockpoolName()} parameters ({mem}, {syn}), " +
                        $"the network's LIFTorch is in {lif.LeakMode.RockpoolName()} mode ({ownMem}, {ownSyn}). " +
                        $"Build it with leakMode: LeakMode.{mode}.");
                }
            }
        }
        var known = module.Attributes.Where(a => a.Kind != AttributeKind.State).Select(a => a.Name).ToList();
        return new QatHostException(
            $"{file}: \"{where}\" is in the file but {module.ClassName} \"{module.Path}\" has no such parameter. It has: {string.Join(", ", known)}.");
    }

    private static JsonNode ParseValue(JsonNode value, string where, string file)
    {
        if (value.GetValueKind() != JsonValueKind.String) return value;
        try
        {
            return JsonNode.Parse(value.GetValue<string>())
                ?? throw new QatHostException($"{file}: \"{where}\" holds null.");
        }
        catch (JsonException e)
        {
            throw new QatHostException($"{file}: \"{where}\" is not a JSON value: {e.Message}", e);
        }
    }

    private static (long[] Shape, float[] Values) Flatten(JsonNode node, string where, string file)
    {
        var values = new List<float>();
        var shape = new List<long>();
        Walk(node, 0);
        return (shape.ToArray(), values.ToArray());

        void Walk(JsonNode n, int depth)
        {
            if (n is JsonArray array)
            {
                if (shape.Count == depth) shape.Add(array.Count);
                else if (shape[depth] != array.Count)
                    throw new QatHostException($"{file}: \"{where}\" is a ragged array (rows of different lengths).");
                foreach (var item in array)
                    Walk(item ?? throw new QatHostException($"{file}: \"{where}\" contains null."), depth + 1);
                return;
            }
            if (depth != shape.Count)
                throw new QatHostException($"{file}: \"{where}\" is a ragged array (numbers at different depths).");
            values.Add(n.GetValueKind() switch
            {
                JsonValueKind.Number => (float)n.GetValue<double>(),
                JsonValueKind.True => 1f,
                JsonValueKind.False => 0f,
                _ => throw new QatHostException($"{file}: \"{where}\" should hold numbers; found {n.ToJsonString()}."),
            });
        }
    }

    private static string Text(Tensor t)
    {
        var data = t.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var text = new StringBuilder();
        int index = 0;
        Write(t.shape, 0);
        return text.ToString();

        void Write(long[] shape, int depth)
        {
            if (depth == shape.Length)
            {
                text.Append(Number(data[index++]));
                return;
            }
            text.Append('[');
            for (long i = 0; i < shape[depth]; i++)
            {
                if (i > 0) text.Append(", ");
                Write(shape, depth + 1);
            }
            text.Append(']');
        }
    }

    private static string Number(float value) => float.IsFinite(value)
        ? value.ToString("R", CultureInfo.InvariantCulture)
        : float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
