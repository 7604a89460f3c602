namespace QatHost.Sdk.Hardware;

/// <summary>
/// A network or configuration breaks one or more design rules of a chip. The message lists every error,
/// one per line, each naming the module path, the rule, the measured value and the limit.
/// </summary>
public sealed class DesignRuleException : QatHostException
{
    /// <summary>Creates the exception for <paramref name="subject"/> (e.g. <c>"XyloAudio2: mapping"</c>).</summary>
    public DesignRuleException(string subject, IReadOnlyList<DesignRuleViolation> errors)
        : base(Format(subject, errors))
    {
        Subject = subject;
        Errors = errors;
    }

    /// <summary>What was being checked.</summary>
    public string Subject { get; }

    /// <summary>Every error found, in the order the rules ran.</summary>
    public IReadOnlyList<DesignRuleViolation> Errors { get; }

    private static string Format(string subject, IReadOnlyList<DesignRuleViolation> errors) =>
        $"{subject}: {errors.Count} design rule error(s):\n  " + string.Join("\n  ", errors);
}
