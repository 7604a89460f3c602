namespace QatHost.Sdk.Hardware;

/// <summary>
/// One broken design rule: where in the user's network, which rule, what was measured against which limit.
/// </summary>
/// <param name="ModulePath">The module at fault as a path in the user's network, e.g.
/// <c>"2_TorchResidual/1_LIFTorch"</c>; the class name of the top-level network for whole-network rules;
/// a configuration field (e.g. <c>"threshold[5]"</c>) when no module is known.</param>
/// <param name="Rule">The rule's identifier, e.g. <c>"output_neurons_cannot_be_recurrent"</c>.</param>
/// <param name="Measured">The value found, as shown to the user (e.g. <c>"1001 hidden neurons"</c>).</param>
/// <param name="Limit">The limit it breaks (e.g. <c>"1000"</c>).</param>
/// <param name="Message">A sentence saying what is wrong and, where possible, how to fix it.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record DesignRuleViolation(
    string ModulePath, string Rule, string Measured, string Limit, string Message,
    ViolationSeverity Severity = ViolationSeverity.Error)
{
    /// <summary>Creates a warning.</summary>
    public static DesignRuleViolation Warn(string modulePath, string rule, string measured, string limit, string message) =>
        new(modulePath, rule, measured, limit, message, ViolationSeverity.Warning);

    /// <summary><c>path: rule: message (measured M, limit L)</c>; the form every listing uses.</summary>
    public override string ToString() =>
        $"{ModulePath}: {Rule}: {Message} (measured {Measured}, limit {Limit})";
}
