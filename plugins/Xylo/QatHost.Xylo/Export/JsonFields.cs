using System.Text.Json.Nodes;
using QatHost.Sdk;

namespace QatHost.Xylo.Export;

/// <summary>Typed, shape-checked access to the fields of a configuration file; every error names the file
/// and the field.</summary>
internal sealed class JsonFields(JsonObject root, string path)
{
    public XyloConfig Config()
    {
        var target = XyloTarget.All.FirstOrDefault(t => t.Name == String("target"))
            ?? throw Bad("target", $"\"{String("target")}\" is not a Xylo target ({string.Join(", ", XyloTarget.All.Select(t => t.Name))})");
        int nin = Int("inputs"), nhid = Int("hidden"), nout = Int("outputs"), nsyn = Int("synapses");
        if (nsyn is < 1 or > 2) throw Bad("synapses", $"{nsyn} is not 1 or 2");
        var wIn = Matrix3("weights_in", nin, null, nsyn);
        var wOut = Matrix2("weights_out", null, nout);
        return new XyloConfig
        {
            Target = target,
            Dt = Double("dt"),
            WeightShiftIn = Int("weight_shift_in"), WeightShiftRec = Int("weight_shift_rec"), WeightShiftOut = Int("weight_shift_out"),
            WeightsIn = wIn, WeightsRec = Matrix3("weights_rec", nhid, nhid, nsyn), WeightsOut = wOut,
            DashMem = Vector("dash_mem", nhid), DashSyn = Vector("dash_syn", nhid), DashSyn2 = Vector("dash_syn_2", nhid),
            Threshold = Vector("threshold", nhid), Bias = Vector("bias", nhid),
            Aliases = Enumerable.Range(0, nhid).Select(i => Ints(Item(Array("aliases", nhid), i, "aliases"), $"aliases[{i}]")).ToArray(),
            DashMemOut = Vector("dash_mem_out", nout), DashSynOut = Vector("dash_syn_out", nout),
            ThresholdOut = Vector("threshold_out", nout), BiasOut = Vector("bias_out", nout),
            HiddenModules = Strings("hidden_modules", nhid), OutputModules = Strings("output_modules", nout),
        };
    }

    public string String(string name) => Value(name).TryGetValue<string>(out var s) ? s : throw Bad(name, "is not a string");

    public int Int(string name) => AsInt(Value(name), name);

    private double Double(string name) => Value(name).TryGetValue<double>(out var d) ? d : throw Bad(name, "is not a number");

    private JsonValue Value(string name) => root[name] switch
    {
        JsonValue v => v,
        null => throw new QatHostException($"{path}: field \"{name}\" is missing."),
        _ => throw Bad(name, "is not a single value"),
    };

    private JsonArray Array(string name, int? length) => root[name] switch
    {
        JsonArray a when length is null || a.Count == length => a,
        JsonArray a => throw Bad(name, $"has {a.Count} entries; expected {length}"),
        null => throw new QatHostException($"{path}: field \"{name}\" is missing."),
        _ => throw Bad(name, "is not an array"),
    };

    private int[] Vector(string name, int length) => Ints(Array(name, length), name);

    private string[] Strings(string name, int length) => root[name] is null ? Enumerable.Repeat("", length).ToArray()
        : Array(name, length).Select((n, i) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Bad($"{name}[{i}]", "is not a string")).ToArray();

    private int[] Ints(JsonArray a, string name) =>
        a.Select((n, i) => n is JsonValue v ? AsInt(v, $"{name}[{i}]") : throw Bad($"{name}[{i}]", "is not a number")).ToArray();

    private int[,] Matrix2(string name, int? rows, int cols)
    {
        var a = Array(name, rows);
        var m = new int[a.Count, cols];
        for (int i = 0; i < a.Count; i++)
        {
            var row = Ints(Item(a, i, name, cols), $"{name}[{i}]");
            for (int j = 0; j < cols; j++) m[i, j] = row[j];
        }
        return m;
    }

    private int[,,] Matrix3(string name, int rows, int? cols, int depth)
    {
        var a = Array(name, rows);
        int width = rows == 0 ? cols ?? 0 : cols ?? Item(a, 0, name).Count;
        var m = new int[rows, width, depth];
        for (int i = 0; i < rows; i++)
        {
            var row = Item(a, i, name, width);
            for (int j = 0; j < width; j++)
            {
                var cell = Ints(Item(row, j, $"{name}[{i}]", depth), $"{name}[{i}][{j}]");
                for (int k = 0; k < depth; k++) m[i, j, k] = cell[k];
            }
        }
        return m;
    }

    private JsonArray Item(JsonArray a, int i, string name, int? length = null) => a[i] switch
    {
        JsonArray x when length is null || x.Count == length => x,
        JsonArray x => throw Bad($"{name}[{i}]", $"has {x.Count} entries; expected {length}"),
        _ => throw Bad($"{name}[{i}]", "is not an array"),
    };

    private int AsInt(JsonValue v, string name)
    {
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) throw Bad(name, d == Math.Floor(d) ? $"{d} is out of range" : $"{d} is not a whole number");
        throw Bad(name, "is not a number");
    }

    private QatHostException Bad(string field, string problem) => new($"{path}: field \"{field}\" {problem}.");
}
