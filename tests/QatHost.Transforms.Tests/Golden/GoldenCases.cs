using System.Text.Json.Nodes;
using QatHost.Tests.Oracle;

namespace QatHost.Transforms.Tests.Golden;

/// <summary>The cases of the transform goldens, by name.</summary>
public static class GoldenCases
{
    private static readonly Lazy<JsonObject> deterministic = new(() => OracleFiles.Read("transforms_deterministic"));
    private static readonly Lazy<JsonObject> stochastic = new(() => OracleFiles.Read("transforms_stochastic"));

    /// <summary>Every case name of transforms_deterministic.json.</summary>
    public static TheoryData<string> DeterministicNames() => Names(deterministic.Value);

    /// <summary>Every case name of transforms_stochastic.json.</summary>
    public static TheoryData<string> StochasticNames() => Names(stochastic.Value);

    /// <summary>Stochastic case names whose golden records a gradient (not stochastic_channel_rounding).</summary>
    public static TheoryData<string> StochasticNamesWithGradient()
    {
        var data = new TheoryData<string>();
        foreach (var c in stochastic.Value["cases"]!.AsArray().Where(c => c!["grad"] is not null)) data.Add(Name(c!));
        return data;
    }

    /// <summary>One deterministic case.</summary>
    public static JsonObject Deterministic(string name) => Find(deterministic.Value, name);

    /// <summary>One stochastic case.</summary>
    public static JsonObject Stochastic(string name) => Find(stochastic.Value, name);

    private static TheoryData<string> Names(JsonObject file)
    {
        var data = new TheoryData<string>();
        foreach (var c in file["cases"]!.AsArray()) data.Add(Name(c!));
        return data;
    }

    private static string Name(JsonNode c) => c["name"]!.GetValue<string>();

    private static JsonObject Find(JsonObject file, string name) =>
        (JsonObject)file["cases"]!.AsArray().Single(c => Name(c!) == name)!;
}
