using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace QatHost.Sdk.Sweeps;

/// <summary>
/// The parameters of a sweep and their values, from <c>--param name=values</c>: a list (<c>bits=2,3,4,8</c>),
/// an integer range (<c>seed=1..3</c>, both ends included) or one value. The trials are the cartesian product,
/// first parameter slowest.
/// </summary>
public sealed partial class SweepGrid
{
    private SweepGrid(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> parameters) => Parameters = parameters;

    /// <summary>Each parameter with its values, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Parameters { get; }

    /// <summary>The number of trials.</summary>
    public int Count => Parameters.Aggregate(1, (n, p) => checked(n * p.Value.Count));

    /// <summary>Parses <c>--param</c> values, e.g. <c>["bits=2,3,4,8", "seed=1..3"]</c>.</summary>
    /// <exception cref="QatHostException">No parameter, a malformed one, a name given twice, an empty value list or
    /// range, or a value given twice; the message names the <c>--param</c> at fault.</exception>
    public static SweepGrid Parse(IReadOnlyList<string> specs)
    {
        if (specs.Count == 0)
            throw new QatHostException("nothing to sweep: give at least one --param NAME=VALUES, e.g. --param bits=2,4,8 --param seed=1..3.");
        var parameters = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (string spec in specs)
        {
            var (name, text) = SplitAssignment(spec);
            if (parameters.Any(p => p.Key == name))
                throw new QatHostException($"--param {spec}: parameter \"{name}\" is given twice; list all its values in one --param.");
            var values = Values(spec, text);
            if (values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new QatHostException($"--param {spec}: value \"{twice.Key}\" is listed twice.");
            parameters.Add(KeyValuePair.Create(name, (IReadOnlyList<string>)values));
        }
        return new SweepGrid(parameters);
    }

    /// <summary>Splits <c>name=value</c>, checking the name (letters, digits, <c>_</c>, <c>-</c>, <c>.</c>; not
    /// starting with a digit). Used for <c>--param</c> under both <c>qathost run</c> and <c>qathost sweep</c>.</summary>
    /// <exception cref="QatHostException">No <c>=</c> or a bad name.</exception>
    public static (string Name, string Value) SplitAssignment(string spec)
    {
        int eq = spec.IndexOf('=');
        if (eq < 0) throw new QatHostException($"--param {spec}: expected NAME=VALUE, e.g. --param bits=4.");
        string name = spec[..eq].Trim();
        if (!NamePattern().IsMatch(name))
            throw new QatHostException($"--param {spec}: \"{name}\" is not a parameter name (letters, digits, _ - .; not starting with a digit).");
        return (name, spec[(eq + 1)..].Trim());
    }

    /// <summary>The trials of the grid, each with its id and folder <c>sweepDirectory/trials/&lt;id&gt;</c>.</summary>
    public IReadOnlyList<TrialSpec> Trials(string sweepDirectory)
    {
        IEnumerable<List<KeyValuePair<string, string>>> points = [[]];
        foreach (var (name, values) in Parameters)
            points = points.SelectMany(point => values.Select(v => new List<KeyValuePair<string, string>>(point) { KeyValuePair.Create(name, v) }));
        return points.Select(p =>
        {
            string id = TrialId(p);
            return new TrialSpec(id, p, Path.Combine(sweepDirectory, "trials", id));
        }).ToList();
    }

    /// <summary>
    /// A trial's id: the first 12 hex digits of the SHA-256 of its <c>name=value</c> lines sorted by name. It depends
    /// only on the parameter names and values (not on their order on the command line), so running the same sweep
    /// again finds the trials it already ran.
    /// </summary>
    public static string TrialId(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        string canonical = string.Concat(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..12];
    }

    private static List<string> Values(string spec, string text)
    {
        if (text.Length == 0) throw new QatHostException($"--param {spec}: no values; give a list (2,4,8), a range (1..3) or one value.");
        if (RangePattern().Match(text) is { Success: true } range)
        {
            long from = long.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
            long to = long.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
            if (to < from) throw new QatHostException($"--param {spec}: the range {text} is empty (write it low..high).");
            if (to - from >= 100_000) throw new QatHostException($"--param {spec}: the range {text} has more than 100000 values.");
            var list = new List<string>();
            for (long v = from; v <= to; v++) list.Add(v.ToString(CultureInfo.InvariantCulture));
            return list;
        }
        var values = text.Split(',').Select(v => v.Trim()).ToList();
        if (values.Any(v => v.Length == 0))
            throw new QatHostException($"--param {spec}: an empty value in the list; separate values with single commas.");
        return values;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(-?\d+)\.\.(-?\d+)$")]
    private static partial Regex RangePattern();
}
