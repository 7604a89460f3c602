using System.ComponentModel;
using System.Globalization;
using QatHost.Sdk;
using QatHost.Sdk.Sweeps;

namespace QatHost.Scripting;

/// <summary>
/// The parameters a run was given (<c>qathost run FILE --param name=value</c>, or by <c>qathost sweep</c>) and the
/// metrics the script reports. Tracks which parameters the script read, so a name it never reads (a typo) is an
/// error rather than silently ignored; writes reported metrics to <see cref="ReportFile"/> as they come.
/// </summary>
public sealed class ScriptParameters
{
    private static readonly string[] ReservedMetricNames = ["id", "status", "seconds", "exit_code"];
    private readonly IReadOnlyList<KeyValuePair<string, string>> given;
    private readonly HashSet<string> read = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, double>> reported = [];

    /// <summary>Creates the parameters of a run.</summary>
    /// <param name="given">The values given, by name, in command-line order.</param>
    /// <param name="reportFile">Where reported metrics go (JSON), or null to keep them in memory only.</param>
    public ScriptParameters(IReadOnlyList<KeyValuePair<string, string>> given, string? reportFile = null)
    {
        this.given = given;
        ReportFile = reportFile;
    }

    /// <summary>No parameters given, reports kept in memory.</summary>
    public static ScriptParameters None => new([]);

    /// <summary>The environment variable naming the file reported metrics are written to; <c>qathost sweep</c> sets
    /// it for each trial.</summary>
    public const string ReportFileVariable = "QATHOST_REPORT_FILE";

    /// <summary>Where reported metrics are written, or null.</summary>
    public string? ReportFile { get; }

    /// <summary>Parses <c>--param name=value</c> options (one value each).</summary>
    /// <exception cref="QatHostException">A malformed option or a name given twice.</exception>
    public static ScriptParameters FromCommandLine(IReadOnlyList<string> specs, string? reportFile)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (string spec in specs)
        {
            var (name, value) = SweepGrid.SplitAssignment(spec);
            if (values.Any(v => v.Key == name)) throw new QatHostException($"--param {spec}: parameter \"{name}\" is given twice.");
            values.Add(KeyValuePair.Create(name, value));
        }
        return new ScriptParameters(values, reportFile);
    }

    /// <summary>The metrics reported so far, in the order first reported (a metric reported again keeps its place
    /// and takes the new value).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Reported => reported;

    /// <summary>The given parameters the script has not read (so far), in command-line order.</summary>
    public IReadOnlyList<string> Unread => given.Select(g => g.Key).Where(n => !read.Contains(n)).ToList();

    /// <summary>The error for given parameters the script never read, or null when it read them all.</summary>
    public string? UnreadError() => Unread is { Count: > 0 } unread
        ? $"--param {string.Join(", ", unread)}: the script never reads {(unread.Count == 1 ? "this parameter" : "these parameters")} " +
          $"(it reads {(read.Count == 0 ? "none" : string.Join(", ", read.Order(StringComparer.Ordinal)))}); check the name against its Param(\"...\") calls."
        : null;

    /// <summary>The value of <paramref name="name"/> as <typeparamref name="T"/>, or <paramref name="defaultValue"/>
    /// when it was not given.</summary>
    /// <exception cref="QatHostException">The given value does not parse as <typeparamref name="T"/>.</exception>
    public T Get<T>(string name, T defaultValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        read.Add(name);
        foreach (var (key, text) in given)
            if (key == name) return Convert<T>(name, text);
        return defaultValue;
    }

    /// <summary>Records <paramref name="value"/> for <paramref name="metric"/> and, when there is a report file,
    /// rewrites it (atomically).</summary>
    /// <exception cref="QatHostException">The metric name is empty, holds a comma, quote or line break, or clashes
    /// with a results column (<c>id</c>, <c>status</c>, <c>seconds</c>, <c>exit_code</c>, a parameter name).</exception>
    public void Report(string metric, double value)
    {
        if (string.IsNullOrWhiteSpace(metric) || metric.IndexOfAny([',', '"', '\n', '\r']) >= 0)
            throw new QatHostException($"Report(\"{metric}\", ...): a metric name must be non-empty, without commas, quotes or line breaks.");
        if (ReservedMetricNames.Contains(metric) || given.Any(g => g.Key == metric) || read.Contains(metric))
            throw new QatHostException($"Report(\"{metric}\", ...): \"{metric}\" is a column of the results table already (a parameter or one of {string.Join(", ", ReservedMetricNames)}); choose another name.");
        int at = reported.FindIndex(r => r.Key == metric);
        if (at >= 0) reported[at] = KeyValuePair.Create(metric, value);
        else reported.Add(KeyValuePair.Create(metric, value));
        if (ReportFile is not null) TrialResult.WriteMetrics(ReportFile, reported);
    }

    private static T Convert<T>(string name, string text)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            object? value = type == typeof(string) ? text
                : type == typeof(bool) ? ParseBool(text)
                : type.IsEnum ? Enum.Parse(type, text, ignoreCase: true) is var e && Enum.IsDefined(type, e) ? e : throw new FormatException()
                : TypeDescriptor.GetConverter(type) is { } converter && converter.CanConvertFrom(typeof(string))
                    ? converter.ConvertFromString(null, CultureInfo.InvariantCulture, text)
                    : throw new QatHostException($"--param {name}: Param<{type.Name}> cannot be given on the command line; use a number, bool, string or enum.");
            return (T)value!;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException
                                     || e.InnerException is FormatException or OverflowException)
        {
            string expected = type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}"
                : ("aeiou".Contains(TypeName(type)[0]) ? "an " : "a ") + TypeName(type);
            throw new QatHostException($"--param {name}={text}: \"{text}\" is not {expected} (Param<{TypeName(type)}>(\"{name}\", ...)).");
        }
    }

    private static bool ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new FormatException(),
    };

    private static string TypeName(Type type) => type == typeof(int) ? "int" : type == typeof(long) ? "long"
        : type == typeof(double) ? "double" : type == typeof(float) ? "float" : type == typeof(bool) ? "bool"
        : type == typeof(string) ? "string" : type.Name;
}
