namespace QatHost.Scripting;

/// <summary>What every script and REPL submission sees as globals: <c>Print(value)</c>, <c>Show(value)</c>, <c>Args</c>,
/// <c>Param(name, default)</c> and <c>Report(metric, value)</c>.</summary>
public class ScriptGlobals
{
    private readonly TextWriter output;
    private readonly ScriptParameters parameters;

    /// <summary>Creates globals that print to <paramref name="output"/>.</summary>
    /// <param name="args">The arguments after <c>--</c> on the command line.</param>
    /// <param name="output">Where <c>Print</c> writes; the CLI passes the terminal.</param>
    /// <param name="parameters">The run's <c>--param</c> values and where reported metrics go; none when null.</param>
    public ScriptGlobals(IReadOnlyList<string> args, TextWriter output, ScriptParameters? parameters = null)
    {
        Args = args;
        this.output = output;
        this.parameters = parameters ?? ScriptParameters.None;
    }

    /// <summary>The script arguments: what follows <c>--</c> in <c>qathost run FILE.csx -- a b</c>.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>Prints a value usefully: a module as its repr, a tree indented, a tensor with dtype, shape
    /// and a preview of its values.</summary>
    public void Print(object? value)
    {
        output.WriteLine(ValueFormatter.Format(value));
        output.Flush();
    }

    /// <summary>
    /// A parameter of the run: the value given with <c>qathost run FILE.csx --param name=value</c>, or by
    /// <c>qathost sweep</c> for the trial, converted to <typeparamref name="T"/>; <paramref name="defaultValue"/>
    /// when none was given. <typeparamref name="T"/> may be a number type, <c>bool</c> (<c>true/false</c>,
    /// <c>1/0</c>, <c>yes/no</c>), <c>string</c> or an enum (names, any case).
    /// </summary>
    /// <example><code>
    /// int bits = Param("bits", 8);          // qathost run qat.csx --param bits=4  gives 4
    /// var seed = Param&lt;long&gt;("seed", 1);
    /// </code></example>
    /// <remarks>A <c>--param</c> name the script never reads fails the run when the script ends, naming it, so a
    /// typo does not silently run the default.</remarks>
    /// <exception cref="QatHost.Sdk.QatHostException">The given value does not parse as <typeparamref name="T"/>.</exception>
    public T Param<T>(string name, T defaultValue) => parameters.Get(name, defaultValue);

    /// <summary>
    /// Records a result of this run, e.g. <c>Report("accuracy", 0.93)</c>. Under <c>qathost sweep</c> each metric
    /// becomes a column of <c>results.csv</c> (reporting a metric again replaces its value, so the last one
    /// counts); under <c>qathost run</c> it is printed as <c>[report] accuracy = 0.93</c>.
    /// </summary>
    /// <exception cref="QatHost.Sdk.QatHostException">The name is empty, holds a comma, quote or line break, or
    /// clashes with a column of the results table (a parameter name, <c>id</c>, <c>status</c>, <c>seconds</c>,
    /// <c>exit_code</c>).</exception>
    public void Report(string metric, double value)
    {
        parameters.Report(metric, value);
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[report] {metric} = {value:G6}"));
        output.Flush();
    }

    /// <summary>Shows a value where the session shows things: in a notebook (<c>qathost run FILE.ipynb</c>) a
    /// ScottPlot figure appears below the cell as a PNG of <paramref name="width"/> × <paramref name="height"/>
    /// pixels and any other value as <see cref="Print"/> shows it; in scripts and the REPL a figure is written
    /// to a PNG file in the temporary folder and its path printed.</summary>
    public void Show(object? value, int width = 800, int height = 500)
    {
        if (Display is { } display)
        {
            display(value, width, height);
            return;
        }
        if (value is ScottPlot.Plot plot)
        {
            string folder = Path.Combine(Path.GetTempPath(), "qathost-plots");
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, $"plot-{Environment.ProcessId}-{Interlocked.Increment(ref plotsWritten)}.png");
            plot.SavePng(path, width, height);
            Print($"plot written to {path}");
            return;
        }
        Print(value);
    }

    private static int plotsWritten;

    /// <summary>Where <see cref="Show"/> sends values when a notebook runs; null elsewhere.</summary>
    internal Action<object?, int, int>? Display { get; set; }
}
