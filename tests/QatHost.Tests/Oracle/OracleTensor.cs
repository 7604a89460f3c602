using System.Globalization;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace QatHost.Tests.Oracle;

/// <summary>Decodes the golden files' tensors: <c>{"shape": [...], "data": [flat, row-major]}</c>, float32
/// unless <c>"dtype"</c> says int or bool; non-finite values are the strings "nan", "inf", "-inf".</summary>
public static class OracleTensor
{
    /// <summary>True when the node is an encoded tensor.</summary>
    public static bool IsTensor(JsonNode? node) => node is JsonObject o && o.ContainsKey("shape") && o.ContainsKey("data");

    /// <summary>The tensor a node encodes (float32, or float32 values of an int/bool tensor).</summary>
    public static Tensor Decode(JsonNode node)
    {
        var shape = node["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
        var data = node["data"]!.AsArray().Select(Value).ToArray();
        return tensor(data).reshape(shape);
    }

    /// <summary>A flattened tree <c>{"a/b": tensor}</c> as path/tensor pairs in file order.</summary>
    public static IEnumerable<(string Path, Tensor Value)> Flat(JsonNode? node) =>
        node is JsonObject o ? o.Select(kv => (kv.Key, Decode(kv.Value!))) : [];

    private static float Value(JsonNode? v) => v!.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => v.GetValue<string>() switch
        {
            "nan" => float.NaN,
            "inf" => float.PositiveInfinity,
            "-inf" => float.NegativeInfinity,
            var s => float.Parse(s, CultureInfo.InvariantCulture),
        },
        System.Text.Json.JsonValueKind.True => 1f,
        System.Text.Json.JsonValueKind.False => 0f,
        _ => (float)v.GetValue<double>(),
    };
}
