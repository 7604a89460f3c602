using System.Text.Json.Nodes;

namespace QatHost.Scripting.Notebooks;

/// <summary>One cell of a <see cref="NotebookDocument"/>: its kind, source and (for code cells) outputs.</summary>
public sealed class NotebookCell
{
    private readonly JsonObject node;

    internal NotebookCell(int number, string kind, JsonObject node)
    {
        Number = number;
        Kind = kind;
        this.node = node;
    }

    /// <summary>The cell's place in the notebook, from 1 (as Jupyter and VS Code count them).</summary>
    public int Number { get; }

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string Kind { get; }

    /// <summary>True for a code cell.</summary>
    public bool IsCode => Kind == "code";

    /// <summary>The cell's text (nbformat stores it as a string or a list of lines).</summary>
    public string Source => node["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    /// <summary>The kernel a code cell asks for (Polyglot Notebooks' <c>kernelName</c> or .NET Interactive's
    /// <c>language</c>), or null when it uses the notebook's default.</summary>
    public string? Kernel =>
        (node["metadata"]?["polyglot_notebook"]?["kernelName"] ?? node["metadata"]?["dotnet_interactive"]?["language"])
        ?.GetValue<string>();

    /// <summary>The outputs written so far (for tests and readers).</summary>
    public JsonArray Outputs => node["outputs"] as JsonArray ?? [];

    /// <summary>The execution count, or null when the cell has not run.</summary>
    public int? ExecutionCount => node["execution_count"]?.GetValue<int>();

    /// <summary>Sets what running the cell produced.</summary>
    internal void SetOutputs(int? executionCount, IEnumerable<JsonObject> outputs)
    {
        node["execution_count"] = executionCount;
        node["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray());
    }

    /// <summary>Clears a code cell that did not run (after a failing cell).</summary>
    internal void Clear() => SetOutputs(null, []);

    internal void EnsureId(HashSet<string> taken)
    {
        string? id = node["id"]?.GetValue<string>();
        if (id is null || !taken.Add(id))
        {
            int suffix = Number;
            do id = $"cell-{suffix++}"; while (!taken.Add(id));
            node["id"] = id;
        }
        node["metadata"] ??= new JsonObject();
        if (IsCode)
        {
            node["outputs"] ??= new JsonArray();
            if (!node.ContainsKey("execution_count")) node["execution_count"] = null;
        }
        else
        {
            // nbformat allows outputs and execution counts on code cells only.
            node.Remove("outputs");
            node.Remove("execution_count");
        }
    }
}
