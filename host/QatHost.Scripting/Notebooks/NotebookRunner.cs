using System.Text.Json.Nodes;
using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting.Notebooks;

/// <summary>What running a notebook did: how many code cells ran, and the cell that failed with why.</summary>
/// <param name="CellsRun">Code cells that ran to their end.</param>
/// <param name="FailedCell">The cell that stopped the run, or null when every code cell ran.</param>
/// <param name="Diagnostics">Compile warnings of cells that ran, then the failing cell's errors.</param>
public sealed record NotebookRunResult(int CellsRun, NotebookCell? FailedCell, IReadOnlyList<ScriptDiagnostic> Diagnostics);

/// <summary>
/// Runs a notebook's C# code cells in order in one <see cref="ReplSession"/> (the globals, imports and plugins
/// of scripts; variables carry from cell to cell) and records each cell's outputs in the document: printed text,
/// the value of a trailing expression, what <c>Show</c> displays (plots as PNG), and errors. The first failing
/// cell stops the run; the cells after it are left without outputs. Cells run with the notebook's folder as the
/// working directory, as in Jupyter. Diagnostics name cells <c>cell[N]</c>, N counting every cell from 1.
/// </summary>
public sealed class NotebookRunner(ScriptEnvironment environment)
{
    /// <summary>Runs <paramref name="notebook"/>; printed text and values are also written to <paramref name="echo"/>;
    /// cells read <paramref name="parameters"/> (<c>--param</c>) with <c>Param(name, default)</c>.</summary>
    public NotebookRunResult Run(NotebookDocument notebook, IReadOnlyList<string> args, TextWriter? echo = null, ScriptParameters? parameters = null)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        var capture = new CellOutputs(echo);
        var globals = new ScriptGlobals(args, capture, parameters);
        globals.Display = (value, width, height) => capture.Add(new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = DisplayData.Bundle(value, null, width, height),
            ["metadata"] = new JsonObject(),
        });
        if (notebook.KernelLanguage is { } language && !IsCSharp(language))
            return Refuse(notebook.Cells.FirstOrDefault(c => c.IsCode),
                $"{Path.GetFileName(notebook.Path)}: the notebook's kernel language is {language}; qathost runs C# notebooks.");

        string previousDirectory = Environment.CurrentDirectory;
        var previousOut = Console.Out;
        var warnings = new List<ScriptDiagnostic>();
        int executed = 0;
        using var session = new ReplSession(environment, globals, folder);
        try
        {
            Environment.CurrentDirectory = folder;
            foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            {
                if (cell.Kernel is { } kernel && !IsCSharp(kernel))
                {
                    ClearFrom(notebook, cell);
                    return Refuse(cell, $"cell[{cell.Number}] is a {kernel} cell; qathost runs C# cells only (kernel \"csharp\").");
                }
                capture.Start();
                Console.SetOut(capture);
                ReplOutcome outcome;
                try { outcome = session.Evaluate(CSharpSource(cell.Source), $"cell[{cell.Number}]"); }
                finally { Console.SetOut(previousOut); }
                int count = ++executed;
                var cellWarnings = outcome.Diagnostics.Where(d => !d.IsError).ToList();
                if (cellWarnings.Count > 0)
                    capture.Stream("stderr", string.Join("\n", cellWarnings.SelectMany(d => DiagnosticText.Lines(d, session.SourceLine))) + "\n");
                warnings.AddRange(cellWarnings);
                if (outcome.Kind == ReplOutcomeKind.Failed)
                {
                    // Runtime errors carry the cell's name resolved against the notebook folder; "cell[N]" is what users see.
                    var errors = outcome.Diagnostics.Where(d => d.IsError)
                        .Select(d => d.Location is { } l ? d with { Location = l with { FilePath = Path.GetFileName(l.FilePath) } } : d)
                        .ToList();
                    foreach (var error in errors) capture.Add(ErrorOutput(error, session));
                    cell.SetOutputs(count, capture.Outputs);
                    ClearFrom(notebook, cell, including: false);
                    return new NotebookRunResult(executed - 1, cell, [.. warnings, .. errors]);
                }
                if (outcome.Kind == ReplOutcomeKind.Value)
                {
                    echo?.WriteLine(outcome.Value);
                    capture.Add(new JsonObject
                    {
                        ["output_type"] = "execute_result",
                        ["execution_count"] = count,
                        ["data"] = DisplayData.Bundle(outcome.Result, outcome.Value),
                        ["metadata"] = new JsonObject(),
                    });
                }
                else if (outcome.Kind == ReplOutcomeKind.Saved) capture.Write(outcome.Value + "\n");
                cell.SetOutputs(count, capture.Outputs);
            }
            return new NotebookRunResult(executed, null, warnings);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            echo?.Flush();
        }
    }

    private static NotebookRunResult Refuse(NotebookCell? cell, string message) =>
        new(0, cell, [new ScriptDiagnostic(Severity.Error, message, Subject: cell is null ? null : $"cell[{cell.Number}]")]);

    private static bool IsCSharp(string kernel) =>
        kernel.Equals("csharp", StringComparison.OrdinalIgnoreCase) || kernel.Equals("C#", StringComparison.OrdinalIgnoreCase);

    // Polyglot Notebooks may start a cell with "#!csharp" (a kernel magic); it is not C#.
    private static string CSharpSource(string source)
    {
        string trimmed = source.TrimStart();
        if (!trimmed.StartsWith("#!csharp", StringComparison.Ordinal) && !trimmed.StartsWith("#!c#", StringComparison.Ordinal)) return source;
        int newline = trimmed.IndexOf('\n');
        return newline < 0 ? "" : "\n" + trimmed[(newline + 1)..];
    }

    private static void ClearFrom(NotebookDocument notebook, NotebookCell cell, bool including = true)
    {
        foreach (var later in notebook.Cells.Where(c => c.IsCode && (c.Number > cell.Number || (including && c.Number == cell.Number))))
            later.Clear();
    }

    private static JsonObject ErrorOutput(ScriptDiagnostic error, ReplSession session)
    {
        var traceback = new JsonArray();
        foreach (string line in DiagnosticText.Lines(error, session.SourceLine)) traceback.Add(line);
        return new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = error.Code is { } code ? $"error {code}" : "error",
            ["evalue"] = error.Message,
            ["traceback"] = traceback,
        };
    }
}
