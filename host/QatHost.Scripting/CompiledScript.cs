namespace QatHost.Scripting;

/// <summary>A script compiled to an assembly with its portable PDB, ready to load and run.</summary>
/// <param name="Image">The assembly bytes.</param>
/// <param name="Symbols">The portable PDB bytes, which map stack frames back to script lines.</param>
/// <param name="EntryType">The submission class, e.g. <c>Submission#0</c>.</param>
/// <param name="EntryMethod">Its factory method, <c>&lt;Factory&gt;</c>.</param>
/// <param name="SourceFiles">The absolute paths of the script and every file it <c>#load</c>s.</param>
public sealed record CompiledScript(
    byte[] Image, byte[] Symbols, string EntryType, string EntryMethod, IReadOnlyList<string> SourceFiles);
