using System.Text;
using System.Text.Json.Nodes;

namespace QatHost.Scripting.Notebooks;

/// <summary>
/// Collects what one cell produces, in order, as nbformat outputs: printed text (from <c>Print</c> and
/// <c>Console</c>) becomes <c>stream</c> outputs, interleaved with the displays <c>Show</c> adds. Printed text
/// is also passed on to <paramref name="echo"/>, so a notebook run shows its output as a script run does.
/// </summary>
internal sealed class CellOutputs(TextWriter? echo) : TextWriter
{
    private readonly StringBuilder pending = new();
    private readonly List<JsonObject> outputs = [];

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<JsonObject> Outputs
    {
        get
        {
            FlushText();
            return outputs;
        }
    }

    public override void Write(char value)
    {
        pending.Append(value);
        echo?.Write(value);
    }

    public override void Write(string? value)
    {
        pending.Append(value);
        echo?.Write(value);
    }

    public override void Flush() => echo?.Flush();

    public void Start() => outputs.Clear();

    public void Add(JsonObject output)
    {
        FlushText();
        outputs.Add(output);
    }

    public void Stream(string name, string text)
    {
        FlushText();
        outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = NotebookDocument.Lines(text) });
    }

    private void FlushText()
    {
        if (pending.Length == 0) return;
        string text = pending.ToString();
        pending.Clear();
        // Consecutive prints are one stream output, as Jupyter shows them.
        if (outputs.Count > 0 && outputs[^1]["output_type"]?.GetValue<string>() == "stream"
            && outputs[^1]["name"]?.GetValue<string>() == "stdout")
        {
            var lines = (JsonArray)outputs[^1]["text"]!;
            string joined = string.Concat(lines.Select(l => l!.GetValue<string>())) + text;
            outputs[^1]["text"] = NotebookDocument.Lines(joined);
            return;
        }
        outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = NotebookDocument.Lines(text) });
    }
}
