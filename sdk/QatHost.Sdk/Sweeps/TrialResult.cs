using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QatHost.Sdk.Sweeps;

/// <summary>
/// How a trial ended, as recorded in its folder (<c>DIR/trials/&lt;id&gt;/result.json</c>). The file is written
/// last and atomically, so its presence means the trial has ended; the host builds <c>results.csv</c> from these
/// files alone.
/// </summary>
/// <param name="Id">The trial id.</param>
/// <param name="State"><see cref="TrialState.Completed"/> or <see cref="TrialState.Failed"/>.</param>
/// <param name="ExitCode">The exit code of its <c>qathost run</c>, or null when it never ended by itself (lost).</param>
/// <param name="Seconds">Wall-clock seconds of the <c>qathost run</c> process (NaN when unknown).</param>
/// <param name="Metrics">What the script reported with <c>Report(metric, value)</c>, in the order first reported.</param>
/// <param name="ErrorTail">For a failed trial, the last lines of its standard error (or of the executor's log).</param>
public sealed record TrialResult(string Id, TrialState State, int? ExitCode, double Seconds,
    IReadOnlyList<KeyValuePair<string, double>> Metrics, string? ErrorTail = null)
{
    /// <summary>The result file's name in the trial folder.</summary>
    public const string FileName = "result.json";

    /// <summary>The file the trial's <c>qathost run</c> writes its reported metrics to as it goes (named by the
    /// <c>QATHOST_REPORT_FILE</c> environment variable).</summary>
    public const string MetricsFileName = "metrics.json";

    /// <summary>The trial's standard output and standard error, in its folder.</summary>
    public const string StdoutFileName = "stdout.txt", StderrFileName = "stderr.txt";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the result to <paramref name="trialDirectory"/>, atomically.</summary>
    public void Write(string trialDirectory)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["state"] = State.ToString().ToLowerInvariant(),
            ["exitCode"] = ExitCode,
            ["seconds"] = double.IsFinite(Seconds) ? Seconds : null,
            ["metrics"] = MetricsJson(Metrics),
            ["errorTail"] = ErrorTail,
        };
        AtomicFile.WriteAllText(Path.Combine(trialDirectory, FileName), json.ToJsonString(Indented));
    }

    /// <summary>Reads the result in <paramref name="trialDirectory"/>, or null when the trial has not ended.</summary>
    /// <exception cref="QatHostException">The file exists but is not a trial result.</exception>
    public static TrialResult? TryRead(string trialDirectory)
    {
        string path = Path.Combine(trialDirectory, FileName);
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
        try
        {
            var json = JsonNode.Parse(text)!.AsObject();
            var state = Enum.Parse<TrialState>((string)json["state"]!, ignoreCase: true);
            return new TrialResult((string)json["id"]!, state, (int?)json["exitCode"],
                (double?)json["seconds"] ?? double.NaN, ReadMetricsJson(json["metrics"]), (string?)json["errorTail"]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            throw new QatHostException($"{path}: not a trial result ({e.Message}); delete it to run the trial again.", e);
        }
    }

    /// <summary>Writes reported metrics to <paramref name="path"/> as one JSON object, atomically.</summary>
    public static void WriteMetrics(string path, IReadOnlyList<KeyValuePair<string, double>> metrics) =>
        AtomicFile.WriteAllText(path, MetricsJson(metrics).ToJsonString(Indented));

    /// <summary>Reads a metrics file written by <see cref="WriteMetrics"/>; empty when there is none.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> ReadMetrics(string path)
    {
        if (!File.Exists(path)) return [];
        try { return ReadMetricsJson(JsonNode.Parse(File.ReadAllText(path))); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new QatHostException($"{path}: not a metrics file ({e.Message}).", e);
        }
    }

    // NaN and infinities are written as strings ("NaN"), which JSON numbers cannot hold.
    private static JsonObject MetricsJson(IReadOnlyList<KeyValuePair<string, double>> metrics)
    {
        var json = new JsonObject();
        foreach (var (name, value) in metrics)
            json[name] = double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
        return json;
    }

    private static List<KeyValuePair<string, double>> ReadMetricsJson(JsonNode? node) => node is JsonObject metrics
        ? metrics.Select(m => KeyValuePair.Create(m.Key, m.Value!.GetValueKind() == JsonValueKind.String
            ? double.Parse((string)m.Value!, CultureInfo.InvariantCulture) : (double)m.Value!)).ToList()
        : [];
}
