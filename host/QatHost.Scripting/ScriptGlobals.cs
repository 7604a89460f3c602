namespace QatHost.Scripting;

/// <summary>What every script and REPL submission sees as globals: <c>Print(value)</c> and <c>Args</c>.</summary>
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
}
