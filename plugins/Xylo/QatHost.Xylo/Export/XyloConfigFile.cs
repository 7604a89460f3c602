using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QatHost.Sdk;
using QatHost.Sdk.Hardware;

namespace QatHost.Xylo.Export;

/// <summary>
/// Reads and writes the JSON configuration format of docs/xylo-config-format.md (format
/// <c>"qathost-xylo-config"</c>, version 1). Writing validates first and is atomic; reading checks the
/// format, the version, every shape and every value before returning.
/// </summary>
internal static class XyloConfigFile
{
    public const string FormatName = "qathost-xylo-config";
    public const int Version = 1;

    public static void Write(XyloConfig config, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        var report = config.Validate();
        if (!report.IsValid) throw new DesignRuleException($"{path}: not written: the {config.Target.Name} configuration", report.Errors);
        AtomicFile.WriteAllText(path, ToJson(config).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static XyloConfig Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QatHostException($"{path}: cannot read the Xylo configuration: {e.Message}", e);
        }
        JsonObject root;
        try { root = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("the top level is not an object"); }
        catch (JsonException e) { throw new QatHostException($"{path}: not a JSON Xylo configuration: {e.Message}", e); }

        var reader = new JsonFields(root, path);
        string format = reader.String("format");
        if (format != FormatName)
            throw new QatHostException($"{path}: \"format\" is \"{format}\"; expected \"{FormatName}\".");
        int version = reader.Int("version");
        if (version != Version)
            throw new QatHostException($"{path}: format version {version} is not supported; this plugin reads version {Version}.");
        var config = reader.Config();
        var report = config.Validate();
        if (!report.IsValid) throw new DesignRuleException($"{path}: invalid {config.Target.Name} configuration", report.Errors);
        return config;
    }

    private static JsonObject ToJson(XyloConfig c) => new()
    {
        ["format"] = FormatName,
        ["version"] = Version,
        ["target"] = c.Target.Name,
        ["dt"] = c.Dt,
        ["inputs"] = c.InputChannels,
        ["hidden"] = c.Nhid,
        ["outputs"] = c.OutputChannels,
        ["synapses"] = c.Nsyn,
        ["weight_shift_in"] = c.WeightShiftIn,
        ["weight_shift_rec"] = c.WeightShiftRec,
        ["weight_shift_out"] = c.WeightShiftOut,
        ["weights_in"] = Array3(c.WeightsIn),
        ["weights_rec"] = Array3(c.WeightsRec),
        ["weights_out"] = Array2(c.WeightsOut),
        ["dash_mem"] = Array1(c.DashMem),
        ["dash_syn"] = Array1(c.DashSyn),
        ["dash_syn_2"] = Array1(c.DashSyn2),
        ["threshold"] = Array1(c.Threshold),
        ["bias"] = Array1(c.Bias),
        ["aliases"] = new JsonArray(c.Aliases.Select(a => (JsonNode?)Array1(a)).ToArray()),
        ["dash_mem_out"] = Array1(c.DashMemOut),
        ["dash_syn_out"] = Array1(c.DashSynOut),
        ["threshold_out"] = Array1(c.ThresholdOut),
        ["bias_out"] = Array1(c.BiasOut),
        ["hidden_modules"] = new JsonArray(c.HiddenModules.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
        ["output_modules"] = new JsonArray(c.OutputModules.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
    };

    private static JsonArray Array1(IEnumerable<int> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonArray Array2(int[,] m) =>
        new(Enumerable.Range(0, m.GetLength(0)).Select(i => (JsonNode?)Array1(Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]))).ToArray());

    private static JsonArray Array3(int[,,] m) =>
        new(Enumerable.Range(0, m.GetLength(0)).Select(i => (JsonNode?)new JsonArray(
            Enumerable.Range(0, m.GetLength(1)).Select(j => (JsonNode?)Array1(Enumerable.Range(0, m.GetLength(2)).Select(k => m[i, j, k]))).ToArray())).ToArray());


}
