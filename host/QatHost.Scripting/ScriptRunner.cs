using System.Reflection;
using QatHost.Scripting.Diagnostics;

namespace QatHost.Scripting;

/// <summary>Loads a <see cref="CompiledScript"/> into a collectible context and runs it with the given
/// globals. An exception the script lets escape becomes a diagnostic at the script line that caused it.</summary>
public sealed class ScriptRunner(ScriptEnvironment environment)
{
    /// <summary>Runs <paramref name="script"/> to completion and unloads it.</summary>
    public ScriptRunResult Run(CompiledScript script, ScriptGlobals globals)
    {
        var context = new ScriptLoadContext(environment);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(script.Image), new MemoryStream(script.Symbols));
            var factory = Factory(assembly, script.EntryType, script.EntryMethod);
            try
            {
                var value = factory([globals, null]).GetAwaiter().GetResult();
                return new ScriptRunResult(value, null);
            }
            catch (Exception e)
            {
                return new ScriptRunResult(null, StackTraceMapper.ToDiagnostic(e, script.SourceFiles.ToHashSet()))
                {
                    Cancelled = StackTraceMapper.Unwrap(e) is OperationCanceledException,
                };
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The submission factory Roslyn emits: takes the submission array (globals first), runs the
    /// submission and returns its value.</summary>
    internal static Func<object?[], Task<object>> Factory(Assembly assembly, string type, string method) =>
        assembly.GetType(type, throwOnError: true)!
            .GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
            .CreateDelegate<Func<object?[], Task<object>>>();
}
