using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using QatHost.Sdk;

namespace QatHost.Scripting.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat v4) read and written with System.Text.Json: everything in the file is kept as
/// it was (metadata, attachments, cell ids) except what running changes, the code cells' outputs and execution
/// counts. Written notebooks say nbformat 4.5, carry a cell id on every cell and the .NET Interactive C#
/// kernel metadata, so Jupyter and VS Code (Polyglot Notebooks) open them with the C# kernel.
/// </summary>
public sealed class NotebookDocument
{
    private readonly JsonObject root;

    private NotebookDocument(string path, JsonObject root, IReadOnlyList<NotebookCell> cells)
    {
        Path = path;
        this.root = root;
        Cells = cells;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>Every cell, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>Reads a notebook; a file that is not an nbformat v4 notebook is a <see cref="QatHostException"/>
    /// saying what is wrong.</summary>
    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path)) throw new QatHostException($"{path}: notebook file not found.");
        JsonNode? node;
        try { node = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new QatHostException($"{path}: not a notebook: the file is not valid JSON ({e.Message})."); }
        if (node is not JsonObject root || root["cells"] is not JsonArray cells)
            throw new QatHostException($"{path}: not a notebook: expected a JSON object with a \"cells\" array (nbformat v4).");
        if (root["nbformat"]?.GetValueKind() == JsonValueKind.Number && root["nbformat"]!.GetValue<int>() != 4)
            throw new QatHostException(
                $"{path}: nbformat {root["nbformat"]} is not supported; open and save it in Jupyter to convert it to nbformat 4.");
        var list = new List<NotebookCell>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"]?.GetValue<string>() is not { } type)
                throw new QatHostException($"{path}: cell {i + 1} has no \"cell_type\".");
            list.Add(new NotebookCell(i + 1, type, cell));
        }
        return new NotebookDocument(path, root, list);
    }

    /// <summary>The kernel language the notebook declares (<c>metadata.kernelspec.language</c>), or null.</summary>
    public string? KernelLanguage => root["metadata"]?["kernelspec"]?["language"]?.GetValue<string>();

    /// <summary>Writes the notebook to <paramref name="path"/> in one rename, so a reader never sees half a file.</summary>
    public void Save(string path)
    {
        root["nbformat"] = 4;
        root["nbformat_minor"] = 5;
        var metadata = root["metadata"] as JsonObject ?? new JsonObject();
        root["metadata"] = metadata;
        metadata["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        };
        metadata["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
            ["version"] = "13.0",
        };
        metadata["polyglot_notebook"] ??= new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        };
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in Cells) cell.EnsureId(ids);

        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        string temporary = $"{full}.{Environment.ProcessId}.tmp";
        var options = new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(temporary, root.ToJsonString(options) + "\n", new UTF8Encoding(false));
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Splits text into nbformat's list of lines, each but the last ending in a newline.</summary>
    internal static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length - 1;
            array.Add(text[start..(end + 1)]);
            start = end + 1;
        }
        return array;
    }
}
