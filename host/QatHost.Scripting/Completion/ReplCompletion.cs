using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace QatHost.Scripting.Completion;

/// <summary>
/// Completion and signature help for the REPL, from Roslyn's completion service, in the context of every
/// earlier successful submission: each becomes a submission project (as in Visual Studio's C# Interactive)
/// chained to the one before, and the line being typed is a document in one more. References are the
/// session's, with the XML documentation files found beside the SDK and plugin assemblies, so signature
/// help shows their summaries. Thread-safe: requests may run on background threads while the session goes on.
/// </summary>
public sealed class ReplCompletion
{
    private static readonly SymbolDisplayFormat SignatureFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeContainingType
                       | SymbolDisplayMemberOptions.IncludeType,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
                          | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut
                          | SymbolDisplayParameterOptions.IncludeExtensionThis,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
                              | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
                              | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly object gate = new();
    private readonly Lazy<(AdhocWorkspace Workspace, CSharpCompilationOptions Options, CSharpParseOptions Parse, ImmutableArray<MetadataReference> References)> setup;
    private readonly List<string> known = [];
    private List<string> wanted = [];
    private Solution? solution;
    private ProjectId? last;
    private DocumentId? line;

    /// <summary>Completion for <paramref name="session"/>: same references, imports and globals.</summary>
    public ReplCompletion(ReplSession session)
    {
        var options = session.Options;
        setup = new(() =>
        {
            var compilation = CSharpScript.Create("", options, typeof(ScriptGlobals)).GetCompilation();
            var workspace = new AdhocWorkspace(MefHostServices.Create(MefHostServices.DefaultAssemblies));
            var parse = (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
            return (workspace, (CSharpCompilationOptions)compilation.Options, parse,
                compilation.References.Select(WithDocumentation).ToImmutableArray());
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Loads Roslyn's services and runs one completion, so the first request the user makes is fast.</summary>
    public void WarmUp()
    {
        Complete("Sequential(LinearTorch(1, 1)).", "Sequential(LinearTorch(1, 1)).".Length, CancellationToken.None);
        Signature("LinearTorch(", "LinearTorch(".Length, CancellationToken.None);
    }

    /// <summary>Brings the submission chain up to date with <paramref name="submissions"/> (the session's
    /// successful submissions; a shorter or different list means the session was reset).</summary>
    /// <remarks>Cheap: the submissions are compiled when completion next needs them (see <see cref="Prepare"/>).</remarks>
    public void Sync(IReadOnlyList<string> submissions)
    {
        lock (gate) wanted = [.. submissions];
    }

    /// <summary>Compiles the submission chain now (call it on a background thread after <see cref="Sync"/>), so the
    /// next request only compiles the line being typed.</summary>
    public void Prepare() => Current("").Project.GetCompilationAsync().GetAwaiter().GetResult();

    /// <summary>The candidates for the word ending at <paramref name="caret"/> in <paramref name="text"/>.</summary>
    public CompletionResult Complete(string text, int caret, CancellationToken cancel) =>
        CompleteAsync(text, caret, cancel).GetAwaiter().GetResult();

    /// <inheritdoc cref="Complete"/>
    public async Task<CompletionResult> CompleteAsync(string text, int caret, CancellationToken cancel)
    {
        var document = Current(text);
        var service = CompletionService.GetService(document);
        if (service is null) return CompletionResult.None(caret);
        var list = await service.GetCompletionsAsync(document, caret, cancellationToken: cancel).ConfigureAwait(false);
        int start = Math.Min(list.Span.Start, caret);
        string typed = text[start..caret];
        var candidates = list.ItemsList
            .Where(i => i.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.FilterText.StartsWith(typed, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(i => i.SortText, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.DisplayText, StringComparer.Ordinal)
            .Select(i => new CompletionCandidate(i.DisplayTextPrefix + i.DisplayText + i.DisplayTextSuffix,
                Insertion(i), i.Tags.FirstOrDefault() ?? ""))
            .DistinctBy(c => c.Insert)
            .ToList();
        return new CompletionResult(start, typed, candidates);
    }

    /// <summary>Signature help for the innermost call or <c>new</c> whose argument list holds the caret, or null.</summary>
    public SignatureHelp? Signature(string text, int caret, CancellationToken cancel) =>
        SignatureAsync(text, caret, cancel).GetAwaiter().GetResult();

    /// <inheritdoc cref="Signature"/>
    public async Task<SignatureHelp?> SignatureAsync(string text, int caret, CancellationToken cancel)
    {
        var document = Current(text);
        var root = await document.GetSyntaxRootAsync(cancel).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancel).ConfigureAwait(false);
        if (root is null || model is null) return null;
        var token = root.FindToken(Math.Max(0, caret - 1));
        var arguments = token.Parent?.AncestorsAndSelf().OfType<ArgumentListSyntax>()
            .FirstOrDefault(a => a.OpenParenToken.SpanStart < caret && (a.CloseParenToken.IsMissing || caret <= a.CloseParenToken.SpanStart));
        if (arguments is null) return null;
        List<IMethodSymbol> methods = arguments.Parent switch
        {
            InvocationExpressionSyntax call => model.GetMemberGroup(call.Expression, cancel).OfType<IMethodSymbol>().ToList(),
            BaseObjectCreationExpressionSyntax creation when model.GetTypeInfo(creation, cancel).Type is INamedTypeSymbol type =>
                type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).Cast<IMethodSymbol>().ToList(),
            _ => [],
        };
        if (methods.Count == 0) return null;
        int index = arguments.Arguments.GetSeparators().Count(s => s.SpanStart < caret);
        string? named = arguments.Arguments.FirstOrDefault(a => a.Span.Contains(caret - 1) || a.Span.End == caret)?.NameColon?.Name.Identifier.ValueText;
        // The overload that can take the arguments typed so far first.
        var ordered = methods.OrderBy(m => m.Parameters.Length > index || m.Parameters.Any(p => p.IsParams) ? 0 : 1)
            .ThenBy(m => m.Parameters.Length).ToList();
        var best = ordered[0];
        var parameter = named is not null ? best.Parameters.FirstOrDefault(p => p.Name == named)
            : index < best.Parameters.Length ? best.Parameters[index] : best.Parameters.LastOrDefault(p => p.IsParams);
        var docs = Documentation(best.OriginalDefinition, model.Compilation);
        string? parameterLine = parameter is null ? null
            : docs?.Parameters.GetValueOrDefault(parameter.Name) is { } about ? $"{parameter.Name}: {about}" : null;
        return new SignatureHelp(ordered.Select(m => m.ToDisplayString(SignatureFormat)).ToList(), docs?.Summary, parameterLine);
    }

    private Document Current(string text)
    {
        lock (gate)
        {
            var s = setup.Value;
            if (wanted.Count < known.Count || !wanted.Take(known.Count).SequenceEqual(known))
            {
                // The session was reset: start a new chain.
                known.Clear();
                solution = null;
                last = null;
                line = null;
            }
            solution ??= s.Workspace.CurrentSolution;
            foreach (string submission in wanted.Skip(known.Count).ToList())
            {
                if (line is not null) solution = solution.RemoveProject(line.ProjectId);
                line = null;
                (solution, last) = AddSubmission(solution, last, submission);
                known.Add(submission);
            }
            // The line being typed is one document kept across requests, so each request recompiles only its
            // text against the compilation of the one before (references stay bound: that is what makes it fast).
            if (line is null)
            {
                (solution, var project) = AddSubmission(solution, last, "");
                line = solution.GetProject(project)!.DocumentIds.Single();
            }
            solution = solution.WithDocumentText(line, SourceText.From(text));
            return solution.GetDocument(line)!;
        }
    }

    private (Solution, ProjectId) AddSubmission(Solution current, ProjectId? previous, string text)
    {
        var s = setup.Value;
        var id = ProjectId.CreateNewId();
        string name = $"Submission{known.Count}";
        var info = ProjectInfo.Create(id, VersionStamp.Create(), name, name, LanguageNames.CSharp,
            isSubmission: true,
            compilationOptions: s.Options.WithScriptClassName(name),
            parseOptions: s.Parse,
            metadataReferences: s.References,
            projectReferences: previous is null ? null : [new ProjectReference(previous)],
            hostObjectType: typeof(ScriptGlobals));
        var document = DocumentInfo.Create(DocumentId.CreateNewId(id), name + ".csx",
            sourceCodeKind: SourceCodeKind.Script,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Create())));
        return (current.AddProject(info).AddDocument(document), id);
    }

    private static string Insertion(CompletionItem item)
    {
        // Named arguments insert "name:"; generic methods insert their name without "<>".
        string text = item.DisplayText;
        if (item.DisplayTextSuffix == ":") return text + ":";
        return text;
    }

    // The documentation file beside an assembly (GenerateDocumentationFile puts it there; the build copies it
    // next to the SDK and each plugin), so signature help can show summaries.
    private static MetadataReference WithDocumentation(MetadataReference reference)
    {
        if (reference is not PortableExecutableReference { FilePath: { } path } pe) return reference;
        string xml = Path.ChangeExtension(path, ".xml");
        return File.Exists(xml)
            ? MetadataReference.CreateFromFile(path, pe.Properties, XmlDocumentationProvider.CreateFromFile(xml))
            : reference;
    }

    private static (string? Summary, Dictionary<string, string> Parameters)? Documentation(ISymbol symbol, Compilation compilation, int depth = 0)
    {
        string xml = symbol.GetDocumentationCommentXml() ?? "";
        if (xml.Length == 0) return null;
        try
        {
            var member = XElement.Parse(xml);
            // The compiler leaves <inheritdoc cref="..."/> to readers (the SDK's builders use it): follow it.
            if (member.Element("summary") is null && member.Element("inheritdoc")?.Attribute("cref")?.Value is { } cref && depth < 4
                && DocumentationCommentId.GetFirstSymbolForDeclarationId(cref, compilation) is { } inherited)
                return Documentation(inherited, compilation, depth + 1);
            var parameters = member.Elements("param")
                .Where(p => p.Attribute("name") is not null)
                .ToDictionary(p => p.Attribute("name")!.Value, p => Plain(p), StringComparer.Ordinal);
            return (member.Element("summary") is { } summary ? Plain(summary) : null, parameters);
        }
        catch (System.Xml.XmlException) { return null; }
    }

    // Documentation text on one line: <see cref="T:A.B"/> as B, <c>x</c> as x, whitespace collapsed.
    private static string Plain(XElement element)
    {
        string text = string.Concat(element.Nodes().Select(node => node switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("cref")?.Value is { } cref
                ? Regex.Replace(cref, @"^\w:|\(.*$", "").Split('.').Last() : e.Attribute("langword")?.Value ?? e.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value ?? "",
            XElement e => Plain(e),
            _ => "",
        }));
        return Regex.Replace(text, @"\s+", " ").Trim();
    }
}
