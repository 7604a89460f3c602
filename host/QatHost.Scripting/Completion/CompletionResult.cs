namespace QatHost.Scripting.Completion;

/// <summary>What completion offers at the caret: the span of the word being completed and the candidates
/// that match what was typed of it, best first.</summary>
/// <param name="Start">Where the word being completed starts in the text.</param>
/// <param name="Typed">What was typed of it (the text from <paramref name="Start"/> to the caret).</param>
/// <param name="Candidates">The matching candidates.</param>
public sealed record CompletionResult(int Start, string Typed, IReadOnlyList<CompletionCandidate> Candidates)
{
    /// <summary>No candidates.</summary>
    public static CompletionResult None(int caret) => new(caret, "", []);

    /// <summary>The longest text every candidate's insertion starts with (case-sensitive), at least what was typed.</summary>
    public string CommonPrefix()
    {
        if (Candidates.Count == 0) return Typed;
        string prefix = Candidates[0].Insert;
        foreach (var candidate in Candidates.Skip(1))
        {
            int n = 0;
            while (n < prefix.Length && n < candidate.Insert.Length && prefix[n] == candidate.Insert[n]) n++;
            prefix = prefix[..n];
        }
        return prefix.Length >= Typed.Length ? prefix : Typed;
    }
}

/// <summary>One completion candidate.</summary>
/// <param name="Display">As listed, e.g. <c>Stochastic</c>, <c>levels:</c>, <c>ToList&lt;&gt;</c>.</param>
/// <param name="Insert">What replaces the typed word when chosen, e.g. <c>levels:</c>, <c>ToList</c>.</param>
/// <param name="Kind">Method, Property, Class, Parameter, ... (Roslyn's tags).</param>
public sealed record CompletionCandidate(string Display, string Insert, string Kind);

/// <summary>Signature help for the call around the caret: one line per overload, then the summary of the
/// best overload and the documentation of the parameter being typed.</summary>
/// <param name="Overloads">Each overload, e.g. <c>Transform Rounding.Stochastic(int levels, ...)</c>.</param>
/// <param name="Summary">The XML documentation summary of the first overload, or null.</param>
/// <param name="Parameter">The current parameter's name and documentation, or null.</param>
public sealed record SignatureHelp(IReadOnlyList<string> Overloads, string? Summary, string? Parameter)
{
    /// <summary>The lines shown under the input line.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (string overload in Overloads) yield return overload;
        if (Summary is not null) yield return "  " + Summary;
        if (Parameter is not null) yield return "  " + Parameter;
    }
}
