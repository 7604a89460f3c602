using System.Collections;
using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace QatHost.Scripting;

/// <summary>How <c>Print</c> and the REPL show a value: modules as their Rockpool repr, trees indented,
/// tensors with dtype, shape and a preview, sequences in brackets, everything else by <c>ToString</c>.</summary>
public static class ValueFormatter
{
    /// <summary>The text for <paramref name="value"/>; may span several lines.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        Tensor t => TensorPreview.Format(t),
        Module m => m.ToString(),
        EvolveResult r => FormatEvolveResult(r),
        bool b => b ? "true" : "false",
        IDictionary d => "{" + string.Join(", ", d.Keys.Cast<object>().Select(k => $"{Inline(k)}: {Inline(d[k])}")) + "}",
        IEnumerable e when !IsTree(value) => "[" + string.Join(", ", e.Cast<object?>().Select(Inline)) + "]",
        _ => value.ToString() ?? "",
    };

    private static string Inline(object? value) => value switch
    {
        Tensor t => TensorPreview.Header(t),
        string s => $"\"{s}\"",
        _ => Format(value),
    };

    private static string FormatEvolveResult(EvolveResult result) =>
        "output: " + TensorPreview.Format(result.Output) +
        "\nstate:\n" + Indent(result.State.ToString()) +
        "\nrecord:\n" + Indent(result.Record.ToString());

    private static string Indent(string text) =>
        string.Join('\n', text.Split('\n').Select(line => "    " + line));

    private static bool IsTree(object value)
    {
        for (var type = value.GetType(); type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Sdk.Trees.Tree<>)) return true;
        return false;
    }
}
