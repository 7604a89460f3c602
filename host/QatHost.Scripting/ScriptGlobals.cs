namespace QatHost.Scripting;

/// <summary>What every script and REPL submission sees as globals: <c>Print(value)</c>, <c>Show(value)</c> and <c>Args</c>.</summary>
public class ScriptGlobals
{
    private readonly TextWriter output;

    /// <summary>Creates globals that print to <paramref name="output"/>.</summary>
    /// <param name="args">The arguments after <c>--</c> on the command line.</param>
    /// <param name="output">Where <c>Print</c> writes; the CLI passes the terminal.</param>
    public ScriptGlobals(IReadOnlyList<string> args, TextWriter output)
    {
        Args = args;
        this.output = output;
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
