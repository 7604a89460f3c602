using System.Diagnostics;
using QatHost.Cli.Rendering;
using QatHost.Scripting;
using QatHost.Scripting.Diagnostics;
using QatHost.Scripting.Notebooks;
using QatHost.Sdk;
using QatHost.Sdk.Training;

namespace QatHost.Cli.Commands;

/// <summary><c>qathost run FILE.ipynb [--output OUT.ipynb | --in-place]</c>: runs the notebook's C# cells in
/// order in one session, prints what they print, and writes the executed notebook when asked. A failing cell
/// stops the run (exit 1) with an error naming the cell; the notebook up to that cell is still written.</summary>
public static class NotebookRun
{
    /// <summary>What is wrong with the notebook options, if anything.</summary>
    public static List<string> CommandLineErrors(bool notebook, string? output, bool inPlace)
    {
        var errors = new List<string>();
        if (!notebook && (output is not null || inPlace))
            errors.Add("--output and --in-place apply to notebooks (.ipynb) only.");
        if (output is not null && inPlace) errors.Add("use either --output OUT.ipynb or --in-place, not both.");
        if (output is not null && !output.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            errors.Add($"--output {output}: the executed notebook is written as .ipynb; use a file name ending in .ipynb.");
        return errors;
    }

    /// <summary>Runs the notebook at <paramref name="path"/>; writes the executed copy to <paramref name="target"/> when given.</summary>
    public static int Run(HostSession session, string path, string? target, IReadOnlyList<string> args, ScriptParameters parameters)
    {
        session.Diagnostics.Render(session.PluginErrors);
        NotebookDocument notebook;
        try { notebook = NotebookDocument.Load(path); }
        catch (QatHostException e)
        {
            session.Diagnostics.Render(new ScriptDiagnostic(Severity.Error, e.Message));
            return ExitCodes.ScriptError;
        }

        var clock = Stopwatch.StartNew();
        NotebookRunResult result;
        var progress = new TrainingProgressRenderer();
        using (var interrupt = CtrlC.ForRun())
        using (TrainingHost.Use(progress, interrupt.Token))
            result = new NotebookRunner(session.Environment).Run(notebook, args, session.Results.ScriptOutput, parameters);
        progress.ClearStatus();
        session.Results.Verbose($"ran {result.CellsRun} code cell(s) of {path} ({clock.ElapsedMilliseconds} ms)");

        var notebookSource = new DiagnosticRenderer(session.Verbose, (file, line) =>
            notebook.Cells.FirstOrDefault(c => $"cell[{c.Number}]" == Path.GetFileName(file))?.Source
                .ReplaceLineEndings("\n").Split('\n').ElementAtOrDefault(line - 1));
        notebookSource.Render(result.Diagnostics);
        if (result.FailedCell is { } failed)
        {
            session.Diagnostics.Render(new ScriptDiagnostic(Severity.Error,
                $"cell {failed.Number} failed; the cells after it did not run" +
                (target is null ? "." : $" (the notebook up to it is written to {DiagnosticRenderer.DisplayPath(Path.GetFullPath(target))})."),
                Subject: path));
            if (session.Plugins.Failures.Count > 0) session.Diagnostics.Render(RunCommand.MissingPluginNote(session));
        }
        if (target is not null)
        {
            notebook.Save(target);
            session.Results.Verbose($"wrote {target}");
        }
        if (result.FailedCell is not null || session.Plugins.Failures.Count > 0) return ExitCodes.ScriptError;
        return ParamOption.CheckAllRead(parameters) ?? ExitCodes.Success;
    }
}
