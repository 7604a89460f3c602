namespace QatHost.Sdk.Hardware;

/// <summary>All design-rule violations found in one check, errors and warnings kept apart.</summary>
public sealed class ValidationReport
{
    /// <summary>Creates a report from violations of either severity, keeping their order.</summary>
    public ValidationReport(string subject, IEnumerable<DesignRuleViolation> violations)
    {
        Subject = subject;
        var all = violations.ToList();
        Errors = all.Where(v => v.Severity == ViolationSeverity.Error).ToList();
        Warnings = all.Where(v => v.Severity == ViolationSeverity.Warning).ToList();
    }

    /// <summary>What was checked, e.g. <c>"XyloAudio2 configuration"</c>; starts every error message.</summary>
    public string Subject { get; }

    /// <summary>Violations that stop deployment.</summary>
    public IReadOnlyList<DesignRuleViolation> Errors { get; }

    /// <summary>Violations that are only shown.</summary>
    public IReadOnlyList<DesignRuleViolation> Warnings { get; }

    /// <summary>Whether there is no error (warnings allowed).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Throws a <see cref="DesignRuleException"/> listing every error when there is any.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new DesignRuleException(Subject, Errors);
    }

    /// <summary>One line per violation, errors first, or "no violations".</summary>
    public override string ToString()
    {
        if (Errors.Count == 0 && Warnings.Count == 0) return $"{Subject}: no violations";
        var lines = Errors.Select(e => "error: " + e).Concat(Warnings.Select(w => "warning: " + w));
        return $"{Subject}: {Errors.Count} error(s), {Warnings.Count} warning(s)\n  " + string.Join("\n  ", lines);
    }
}
