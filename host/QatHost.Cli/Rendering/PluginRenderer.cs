using QatHost.Plugins;
using Spectre.Console;

namespace QatHost.Cli.Rendering;

/// <summary>Prints <c>qathost plugins</c>: each loaded plugin with what it provides, then those that
/// failed with why, then the folders searched.</summary>
public static class PluginRenderer
{
    /// <summary>Prints the catalog to standard output.</summary>
    public static void Render(PluginCatalog catalog, IReadOnlyList<PluginSource> sources)
    {
        var console = Terminal.Out;
        console.MarkupLine(catalog.Loaded.Count == 0 ? "[bold]No plugins loaded.[/]" : "[bold]Loaded plugins[/]");
        foreach (var plugin in catalog.Loaded)
        {
            var m = plugin.Manifest;
            console.MarkupLine($"  [green bold]{Esc(m.Name)}[/] {Esc(m.Version.ToString(3))}  {Esc(DiagnosticRenderer.DisplayPath(plugin.File))}");
            console.MarkupLine($"    namespace:  {Esc(m.Namespace)} (built against QatHost.Sdk {Esc(m.SdkVersion.ToString(2))})");
            console.MarkupLine($"    transforms: {Esc(List(m.Transforms))}");
            console.MarkupLine($"    targets:    {Esc(List(m.HardwareTargets.Select(t => $"{t.Name} ({t.Description})")))}");
            if (PluginInstaller.ReadRecord(Path.GetDirectoryName(plugin.File)!) is { } installed)
                console.MarkupLine($"    installed:  package {Esc(installed.Name)} {Esc(installed.Version)} from {Esc(installed.Source)}");
        }
        if (catalog.Failures.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold red]Not loaded[/]");
            foreach (var failure in catalog.Failures)
                console.MarkupLine($"  {Esc(DiagnosticRenderer.DisplayPath(failure.Path))}: {Esc(failure.Reason)}");
        }
        console.WriteLine();
        console.MarkupLine("[grey]Searched:[/]");
        foreach (var source in sources)
            console.MarkupLine($"[grey]  {Esc(DiagnosticRenderer.DisplayPath(source.Folder))} ({Esc(source.Origin)})[/]");
    }

    private static string List(IEnumerable<string> items) =>
        items.ToList() is { Count: > 0 } list ? string.Join(", ", list) : "(none)";

    private static string Esc(string text) => Markup.Escape(text);
}
