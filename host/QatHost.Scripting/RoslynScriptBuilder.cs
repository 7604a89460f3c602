using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;
using QatHost.Scripting.Diagnostics;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace QatHost.Scripting;

/// <summary>The only place that touches Roslyn for script files: builds, emits and converts diagnostics.</summary>
internal static class RoslynScriptBuilder
{
    public static ScriptCompileResult Build(ScriptEnvironment environment, string path, string text)
    {
        var options = Options(environment, Path.GetDirectoryName(path)!).WithFilePath(path);
        var compilation = CSharpScript.Create(text, options, typeof(ScriptGlobals)).GetCompilation();
        return Emit(compilation);
    }

    public static ScriptOptions Options(ScriptEnvironment environment, string baseDirectory) =>
        ScriptOptions.Default
            .WithReferences(environment.References)
            .WithImports(environment.Imports())
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8);

    public static ScriptCompileResult Emit(Compilation compilation)
    {
        // Syntax errors first: the semantic errors after them are often their consequences.
        var syntax = compilation.GetParseDiagnostics().ToHashSet();
        var diagnostics = Convert(compilation.GetDiagnostics(), syntax.Contains);
        if (diagnostics.Any(d => d.IsError)) return new ScriptCompileResult(null, diagnostics, false);

        using var image = new MemoryStream();
        using var symbols = new MemoryStream();
        var emitted = compilation.Emit(image, symbols,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!emitted.Success)
        {
            var errors = Convert(emitted.Diagnostics);
            if (errors.Any(d => d.IsError)) return new ScriptCompileResult(null, errors, false);
            // Only comments and using directives: there is no submission to emit, and Emit fails without saying
            // why (Roslyn's own script runner treats this case the same way).
            string? path = compilation.SyntaxTrees.LastOrDefault()?.FilePath;
            var note = new ScriptDiagnostic(Severity.Note, "nothing to run: the script holds no statements " +
                "(only comments, using directives or nothing)", Subject: string.IsNullOrEmpty(path) ? null : path);
            return new ScriptCompileResult(null, [.. diagnostics, note], false) { IsEmpty = true };
        }

        var entry = compilation.GetEntryPoint(CancellationToken.None)!;
        var sources = compilation.SyntaxTrees.Select(t => t.FilePath)
            .Where(p => !string.IsNullOrEmpty(p)).Distinct(StringComparer.Ordinal).ToList();
        var script = new CompiledScript(image.ToArray(), symbols.ToArray(),
            entry.ContainingType.MetadataName, entry.MetadataName, sources);
        return new ScriptCompileResult(script, diagnostics, false);
    }

    // CS1701/CS1702: TorchSharp targets net8.0 and references its framework assemblies; unifying them with
    // .NET 10's is expected and says nothing about the script.
    private static readonly string[] Unremarkable = ["CS1701", "CS1702"];

    public static IReadOnlyList<ScriptDiagnostic> Convert(IEnumerable<Diagnostic> diagnostics, Func<Diagnostic, bool>? isSyntax = null) => diagnostics
        .Where(d => d.Severity is RoslynSeverity.Error or RoslynSeverity.Warning)
        .Where(d => !Unremarkable.Contains(d.Id))
        .OrderBy(d => d.Severity == RoslynSeverity.Error ? 0 : 1)
        .ThenBy(d => isSyntax?.Invoke(d) == true ? 0 : 1)
        .ThenBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
        .ThenBy(d => d.Location.SourceSpan.Start)
        .Select(ToScriptDiagnostic)
        .ToList();

    private static ScriptDiagnostic ToScriptDiagnostic(Diagnostic diagnostic)
    {
        var severity = diagnostic.Severity == RoslynSeverity.Error ? Severity.Error : Severity.Warning;
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        ScriptLocation? location = null;
        if (diagnostic.Location.IsInSource)
        {
            var span = diagnostic.Location.GetMappedLineSpan();
            int length = span.StartLinePosition.Line == span.EndLinePosition.Line
                ? span.EndLinePosition.Character - span.StartLinePosition.Character
                : int.MaxValue;
            location = new ScriptLocation(span.Path, span.StartLinePosition.Line + 1,
                span.StartLinePosition.Character + 1, length);
        }
        return new ScriptDiagnostic(severity, message, location, diagnostic.Id);
    }
}
