using System.Text.Json;
using System.Text.Json.Nodes;
using QatHost.Sdk;
using QatHost.Sdk.Sweeps;

namespace QatHost.Cli.Sweeps;

/// <summary>
/// What a sweep folder holds the sweep of (<c>DIR/sweep.json</c>): the script, the grid, where trials run from,
/// the global options passed on to each trial and the executor. Written when the sweep starts; read by
/// <c>qathost sweep trial/status/collect DIR</c>.
/// </summary>
public sealed record SweepDefinition(string Script, string WorkingDirectory, SweepGrid Grid,
    IReadOnlyList<string> HostArguments, int ThreadsPerTrial, string Executor)
{
    /// <summary>The file's name in the sweep folder.</summary>
    public const string FileName = "sweep.json";

    /// <summary>The trials of the grid, with folders under <paramref name="directory"/>.</summary>
    public IReadOnlyList<TrialSpec> Trials(string directory) => Grid.Trials(directory);

    /// <summary>Writes the definition into <paramref name="directory"/>, atomically.</summary>
    public void Write(string directory)
    {
        var parameters = new JsonArray();
        foreach (var (name, values) in Grid.Parameters)
            parameters.Add(new JsonObject { ["name"] = name, ["values"] = new JsonArray(values.Select(v => (JsonNode)v!).ToArray()) });
        var json = new JsonObject
        {
            ["script"] = Script,
            ["workingDirectory"] = WorkingDirectory,
            ["parameters"] = parameters,
            ["hostArguments"] = new JsonArray(HostArguments.Select(a => (JsonNode)a!).ToArray()),
            ["threadsPerTrial"] = ThreadsPerTrial,
            ["executor"] = Executor,
        };
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads the definition in <paramref name="directory"/>, or null when the folder holds none.</summary>
    /// <exception cref="QatHostException">The file is there but unreadable.</exception>
    public static SweepDefinition? TryRead(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var specs = json["parameters"]!.AsArray().Select(p =>
                $"{(string)p!["name"]!}={string.Join(",", p["values"]!.AsArray().Select(v => (string)v!))}").ToList();
            return new SweepDefinition((string)json["script"]!, (string)json["workingDirectory"]!, SweepGrid.Parse(specs),
                json["hostArguments"]!.AsArray().Select(a => (string)a!).ToList(), (int)json["threadsPerTrial"]!, (string)json["executor"]!);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException or IOException)
        {
            throw new QatHostException($"{path}: not a sweep definition ({e.Message}).", e);
        }
    }

    /// <summary>Reads the definition of an existing sweep folder for <c>status</c>, <c>collect</c> and <c>trial</c>.</summary>
    /// <exception cref="QatHostException">The folder does not exist or holds no sweep.</exception>
    public static SweepDefinition Read(string directory) => Directory.Exists(directory)
        ? TryRead(directory) ?? throw new QatHostException($"{directory}: not a sweep folder (no {FileName}); give the --out folder of a qathost sweep.")
        : throw new QatHostException($"{directory}: folder does not exist.");
}
