namespace QatHost.Xylo;

/// <summary>How <see cref="Xylo.Quantise"/> chooses the scale from floats to the chip's integers (Xylo spec 7).</summary>
public enum QuantiseMethod
{
    /// <summary>One scale per neuron (Rockpool's <c>channel_quantize</c>): each hidden and output neuron's largest
    /// incoming weight becomes ±127. Exact per neuron, usually the most accurate.</summary>
    PerChannel,
    /// <summary>One scale for all hidden neurons and one for all outputs (Rockpool's <c>global_quantize</c>);
    /// reproduces the deploy notebook's integers.</summary>
    Global,
    /// <summary>Global, with the range taken as |mean| + 2 std of the non-zero weights instead of the largest
    /// one (Rockpool's <c>fuzzy_scaling</c>); outliers are clipped to ±127 and listed in the report.</summary>
    GlobalFuzzy,
}
