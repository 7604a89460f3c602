using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Module = QatHost.Sdk.Engine.Module;
using TorchSharp;

namespace QatHost.Scripting.Notebooks;

/// <summary>How a value appears in a notebook, as an nbformat MIME bundle: a ScottPlot figure as a PNG, a
/// table (a sequence of records) as HTML and text, anything else as <see cref="ValueFormatter"/> text.</summary>
internal static class DisplayData
{
    /// <summary>Rows shown of a long table; the text says how many were left out.</summary>
    public const int MaxRows = 50;

    public static JsonObject Bundle(object? value, string? formatted, int width = 800, int height = 500)
    {
        var data = new JsonObject();
        if (value is ScottPlot.Plot plot)
        {
            data["image/png"] = Convert.ToBase64String(plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png));
            data["text/plain"] = NotebookDocument.Lines($"ScottPlot figure ({width} × {height})");
            return data;
        }
        if (Table(value) is { } table)
        {
            data["text/html"] = NotebookDocument.Lines(table.Html);
            data["text/plain"] = NotebookDocument.Lines(table.Text);
            return data;
        }
        data["text/plain"] = NotebookDocument.Lines(formatted ?? ValueFormatter.Format(value));
        return data;
    }

    /// <summary>A sequence whose elements are records or other objects with public properties becomes a table,
    /// one row per element and one column per property.</summary>
    private static (string Html, string Text)? Table(object? value)
    {
        if (value is null or string or IDictionary or torch.Tensor or Module || value is not IEnumerable sequence) return null;
        var element = value.GetType().GetInterfaces().Append(value.GetType())
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Select(t => t.GetGenericArguments()[0]).FirstOrDefault();
        if (element is null || element.IsPrimitive || element == typeof(string) || element == typeof(decimal)
            || typeof(IEnumerable).IsAssignableFrom(element) || typeof(torch.Tensor).IsAssignableFrom(element)
            || typeof(Module).IsAssignableFrom(element)) return null;
        var columns = element.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").ToArray();
        if (columns.Length == 0) return null;
        var all = sequence.Cast<object?>().ToList();
        var rows = all.Take(MaxRows).Select(r => columns.Select(c => Cell(r is null ? null : c.GetValue(r))).ToArray()).ToList();
        string[] names = columns.Select(c => c.Name).ToArray();

        var html = new StringBuilder("<table>\n<thead><tr>");
        foreach (string name in names) html.Append("<th>").Append(WebUtility.HtmlEncode(name)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (string cell in row) html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>");

        int[] widths = names.Select((n, i) => Math.Max(n.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder();
        text.AppendLine(string.Join("  ", names.Select((n, i) => n.PadRight(widths[i]))).TrimEnd());
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) text.AppendLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        if (all.Count > MaxRows)
        {
            string more = $"... {all.Count - MaxRows} more row(s)";
            text.AppendLine(more);
            html.Append("\n<p>").Append(more).Append("</p>");
        }
        return (html.ToString(), text.ToString().TrimEnd('\n'));
    }

    private static string Cell(object? value) => value switch
    {
        double d => d.ToString("g6", CultureInfo.InvariantCulture),
        float f => f.ToString("g6", CultureInfo.InvariantCulture),
        torch.Tensor t => TensorPreview.Header(t),
        _ => ValueFormatter.Format(value).ReplaceLineEndings(" "),
    };
}
