using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting;

/// <summary>
/// A REPL session: each submission compiles against the previous ones (so variables and functions carry
/// over) and runs with the same globals, imports and plugins as scripts. Never prints; returns outcomes.
/// </summary>
/// <remarks>
/// Memory stays bounded over long sessions: compiled submissions live in one collectible load context that
/// <c>#reset</c> unloads, and a variable declared again in a later submission releases the value the
/// earlier declaration held (a closure that captured the old variable then sees its default).
/// </remarks>
public sealed class ReplSession : IDisposable
{
    private static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private readonly ScriptEnvironment environment;
    private readonly ScriptGlobals globals;
    private readonly ScriptOptions options;
    private readonly string baseDirectory;
    private readonly Dictionary<string, string[]> sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (object Holder, FieldInfo Field)> variables = new(StringComparer.Ordinal);
    private ScriptLoadContext context;
    private Script? chain;
    private object?[] states = new object?[16];
    private int submissions;

    /// <summary>Starts a session; <c>#load</c> paths resolve against <paramref name="baseDirectory"/>.</summary>
    public ReplSession(ScriptEnvironment environment, ScriptGlobals globals, string baseDirectory)
    {
        this.environment = environment;
        this.globals = globals;
        this.baseDirectory = baseDirectory;
        options = RoslynScriptBuilder.Options(environment, baseDirectory);
        context = new ScriptLoadContext(environment);
        states[0] = globals;
    }

    /// <summary>Submissions evaluated since the session started (across resets).</summary>
    public int Count { get; private set; }

    /// <summary>True when <paramref name="text"/> is a complete submission; false when it needs more lines
    /// (an open brace, an unfinished statement).</summary>
    public static bool IsComplete(string text) =>
        IsDirective(text) || SyntaxFactory.IsCompleteSubmission(CSharpSyntaxTree.ParseText(text, ParseOptions));

    /// <summary>Evaluates a submission: C# code, <c>#load "file.csx"</c>, or one of <c>#help</c>,
    /// <c>#plugins</c>, <c>#reset</c>, <c>#quit</c>.</summary>
    public ReplOutcome Evaluate(string text)
    {
        switch (text.Trim())
        {
            case "": return ReplOutcome.Ran([]);
            case "#help": return new ReplOutcome(ReplOutcomeKind.Help, null, []);
            case "#plugins": return new ReplOutcome(ReplOutcomeKind.Plugins, null, []);
            case "#quit" or "#exit": return new ReplOutcome(ReplOutcomeKind.Quit, null, []);
            case "#reset":
                Reset();
                return new ReplOutcome(ReplOutcomeKind.Reset, null, []);
        }
        return Submit(text);
    }

    /// <summary>A line of an earlier submission, by the pseudo file name its diagnostics use (<c>repl[3]</c>).</summary>
    public string? SourceLine(string path, int line) =>
        sources.TryGetValue(Path.GetFileName(path), out var lines) && line >= 1 && line <= lines.Length ? lines[line - 1] : null;

    /// <summary>The load context holding the compiled submissions, for tests that check it unloads.</summary>
    internal WeakReference LoadContextReference => new(context);

    /// <summary>Drops every variable, function and compiled submission, and unloads their code.</summary>
    public void Reset()
    {
        context.Unload();
        context = new ScriptLoadContext(environment);
        chain = null;
        states = new object?[16];
        states[0] = globals;
        submissions = 0;
        sources.Clear();
        variables.Clear();
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <inheritdoc/>
    public void Dispose() => context.Unload();

    private ReplOutcome Submit(string text)
    {
        string path = $"repl[{++Count}]";
        var script = chain is null
            ? CSharpScript.Create(text, options.WithFilePath(path), typeof(ScriptGlobals))
            : chain.ContinueWith(text, options.WithFilePath(path));
        var compilation = script.GetCompilation();
        sources[path] = text.ReplaceLineEndings("\n").Split('\n');
        var compiled = RoslynScriptBuilder.Emit(compilation);
        if (compiled.Script is not { } emitted)
        {
            // Only comments or using directives: nothing to run, but a using applies to later submissions.
            if (compiled.IsEmpty)
            {
                chain = script;
                return ReplOutcome.Ran(compiled.Diagnostics.Where(d => d.Severity != Severity.Note).ToList());
            }
            return new ReplOutcome(ReplOutcomeKind.Failed, null, compiled.Diagnostics);
        }
        chain = script;
        var assembly = context.LoadFromStream(new MemoryStream(emitted.Image), new MemoryStream(emitted.Symbols));
        context.Register(assembly);
        submissions++;
        if (states.Length < submissions + 2) Array.Resize(ref states, states.Length * 2);
        try
        {
            var value = ScriptRunner.Factory(assembly, emitted.EntryType, emitted.EntryMethod)(states).GetAwaiter().GetResult();
            ReleaseShadowed(assembly.GetType(emitted.EntryType)!);
            return HasValue(compilation, path)
                ? new ReplOutcome(ReplOutcomeKind.Value, ValueFormatter.Format(value), compiled.Diagnostics)
                : ReplOutcome.Ran(compiled.Diagnostics);
        }
        catch (Exception e)
        {
            // The compiler records submission names resolved against the base directory.
            var names = sources.Keys.SelectMany(k => new[] { k, Path.GetFullPath(k, baseDirectory) }).ToHashSet();
            var error = StackTraceMapper.ToDiagnostic(e, names, SourceLine);
            return new ReplOutcome(ReplOutcomeKind.Failed, null, [error])
            {
                Cancelled = StackTraceMapper.Unwrap(e) is OperationCanceledException,
            };
        }
    }

    // Roslyn's own test (Compilation.HasSubmissionResult) is internal: a trailing expression without a
    // semicolon whose type is not void.
    private static bool HasValue(Compilation compilation, string path)
    {
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == path);
        if (tree.GetCompilationUnitRoot().Members.LastOrDefault() is not GlobalStatementSyntax
            { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement }) return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static bool IsDirective(string text) => text.Trim() is "#help" or "#plugins" or "#reset" or "#quit" or "#exit";

    // A redeclared variable would otherwise keep its old value (a network, a recorded evolution) alive
    // for the rest of the session through the earlier submission object.
    private void ReleaseShadowed(Type submission)
    {
        object? instance = states.Skip(1).LastOrDefault(s => s?.GetType() == submission);
        if (instance is null) return;
        foreach (var field in submission.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (field.Name.Contains('<')) continue;
            if (variables.TryGetValue(field.Name, out var old)) old.Field.SetValue(old.Holder, null);
            variables[field.Name] = (instance, field);
        }
    }
}
