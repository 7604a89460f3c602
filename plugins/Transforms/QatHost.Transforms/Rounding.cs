using QatHost.Sdk.Transforms;

namespace QatHost.Transforms;

/// <summary>
/// Rounding to a fixed number of evenly spaced levels, as Rockpool's <c>stochastic_rounding</c>,
/// <c>stochastic_channel_rounding</c> and <c>deterministic_rounding</c> do (spec 6.2-6.4): a value maps to the
/// level <c>(x - in.min) / q_in</c> of the input range, is rounded, and maps back through the output range,
/// <c>level · q_out + out.min</c>, with <c>q = (max - min) / (levels - 1)</c>.
/// </summary>
/// <remarks>
/// <para>Ranges: <c>inputRange</c> defaults to <c>[-max|x|, max|x|]</c> of the whole tensor when
/// <c>maintainZero</c> is true, else to <c>[min x, max x]</c>; <c>outputRange</c> defaults to the input range.
/// Ranges computed from the value take part in the gradient (the extreme elements also receive the range
/// gradient), exactly as in Rockpool. Values outside a given input range are not clipped.</para>
/// <para>Deliberate differences from Rockpool: arguments are checked when the transform is made (levels of at
/// least 2, ranges with min &lt; max); where Rockpool returns NaN because the range computed from the data is
/// empty (an all-zero tensor, or a constant one with <c>maintainZero: false</c>) QatHost returns the input
/// unchanged, with the identity gradient; NaN or infinite input is an error. See docs/transforms.md.</para>
/// </remarks>
public static partial class Rounding
{
    /// <summary>
    /// Stochastic rounding (Rockpool <c>stochastic_rounding</c>): each value goes to the level below or above
    /// with probabilities that make the result unbiased, <c>floor(L) + (frac(L) &gt; U)</c>, <c>U ~ U[0, 1)</c>.
    /// </summary>
    /// <param name="levels">Number of levels, at least 2.</param>
    /// <param name="inputRange">The input range; computed from the value when null.</param>
    /// <param name="outputRange">The output range; the input range when null.</param>
    /// <param name="maintainZero">Whether the computed input range is symmetric, <c>±max|x|</c>.</param>
    /// <returns>A transform that draws one uniform number per element on every call, from the context's
    /// generator (torch's global generator when null), in training and evaluation alike (as Rockpool).
    /// The gradient is straight-through for the floor, plus the gradient through computed ranges.</returns>
    /// <exception cref="TransformArgumentException">levels &lt; 2, or a range with min ≥ max or non-finite bounds.</exception>
    public static Transform Stochastic(int levels = 256, (double Min, double Max)? inputRange = null,
        (double Min, double Max)? outputRange = null, bool maintainZero = true)
    {
        const string name = "Rounding.Stochastic";
        return new StochasticRounding(
            Describe(name, levels, inputRange, outputRange, maintainZero),
            Guard.Levels(name, levels), Guard.Range(name, nameof(inputRange), inputRange),
            Guard.Range(name, nameof(outputRange), outputRange), maintainZero);
    }

    /// <summary>
    /// Stochastic rounding per channel (Rockpool <c>stochastic_channel_rounding</c>): each column of a 2-D
    /// <c>(Nin, Nout)</c> weight, i.e. the inputs of one output neuron, is rounded with its own input range
    /// (<c>±max|column|</c>, or the column's <c>[min, max]</c>) onto the common <paramref name="outputRange"/>.
    /// </summary>
    /// <param name="outputRange">The output range shared by all columns (required, as in Rockpool).</param>
    /// <param name="levels">Number of levels, at least 2.</param>
    /// <param name="maintainZero">Whether each column's input range is symmetric, <c>±max|column|</c>.</param>
    /// <returns>A transform that, unlike Rockpool's, works out of place and is differentiable (straight-through
    /// floor plus the gradient through the per-column ranges). A column whose range is empty (all zero) is
    /// returned unchanged. The draws per call equal Rockpool's: one uniform vector per column, in column order.</returns>
    /// <exception cref="TransformArgumentException">levels &lt; 2, or outputRange with min ≥ max.</exception>
    public static Transform StochasticPerChannel((double Min, double Max) outputRange, int levels = 256, bool maintainZero = true)
    {
        const string name = "Rounding.StochasticPerChannel";
        string description = CallText.Of(name, (nameof(outputRange), outputRange, true), (nameof(levels), levels, levels != 256),
            (nameof(maintainZero), maintainZero, !maintainZero));
        return new StochasticChannelRounding(description, Guard.Range(name, nameof(outputRange), outputRange)!.Value,
            Guard.Levels(name, levels), maintainZero);
    }

    /// <summary>
    /// Deterministic rounding (Rockpool <c>deterministic_rounding</c>): each value goes to the nearest level,
    /// ties to the even level (torch's <c>round</c>), computed in float32 in Rockpool's operation order, so
    /// that results on a tie agree bit for bit (e.g. zero maps to -1 or 0 with <c>outputRange: (-128, 127)</c>,
    /// depending on max|x|, as in Rockpool).
    /// </summary>
    /// <param name="levels">Number of levels, at least 2.</param>
    /// <param name="inputRange">The input range; computed from the value when null.</param>
    /// <param name="outputRange">The output range; the input range when null.</param>
    /// <param name="maintainZero">Whether the computed input range is symmetric, <c>±max|x|</c>.</param>
    /// <returns>A transform with a straight-through gradient for the rounding, plus the gradient through
    /// computed ranges.</returns>
    /// <exception cref="TransformArgumentException">levels &lt; 2, or a range with min ≥ max or non-finite bounds.</exception>
    public static Transform Deterministic(int levels = 256, (double Min, double Max)? inputRange = null,
        (double Min, double Max)? outputRange = null, bool maintainZero = true)
    {
        const string name = "Rounding.Deterministic";
        return new DeterministicRounding(
            Describe(name, levels, inputRange, outputRange, maintainZero),
            Guard.Levels(name, levels), Guard.Range(name, nameof(inputRange), inputRange),
            Guard.Range(name, nameof(outputRange), outputRange), maintainZero);
    }

    /// <summary>
    /// Deterministic rounding per channel: each column <c>W[:, j]</c> of a 2-D <c>(Nin, Nout)</c> weight (the inputs of
    /// output neuron j) is rounded to the nearest of <paramref name="levels"/> evenly spaced levels of its own range
    /// (<c>±max|W[:, j]|</c>, or the column's <c>[min, max]</c>) and stays in that range, so each output neuron gets
    /// its own scale: <c>q_j = (max_j - min_j) / (levels - 1)</c>, <c>y = round((x - min_j) / q_j) · q_j + min_j</c>
    /// (ties to even). No Rockpool counterpart (Rockpool's per-channel rounding is stochastic and maps to a
    /// shared output range); it is the per-channel scale of QAT studies and of integer chips.
    /// </summary>
    /// <param name="levels">Number of levels, at least 2; an odd count (<c>2^bits - 1</c>) keeps 0 a level with maintainZero.</param>
    /// <param name="maintainZero">Whether each column's range is symmetric, <c>±max|column|</c>.</param>
    /// <returns>A transform with a straight-through gradient for the rounding, plus the gradient through the
    /// per-column ranges. A column whose step is at most float32's epsilon times the largest column's (all zero,
    /// or a dead neuron's inputs decayed to ~1e-28) is returned unchanged, with a straight-through gradient.</returns>
    /// <exception cref="TransformArgumentException">levels &lt; 2.</exception>
    public static Transform DeterministicPerChannel(int levels = 256, bool maintainZero = true)
    {
        const string name = "Rounding.DeterministicPerChannel";
        string description = CallText.Of(name, (nameof(levels), levels, levels != 256), (nameof(maintainZero), maintainZero, !maintainZero));
        return new DeterministicChannelRounding(description, Guard.Levels(name, levels), maintainZero);
    }

    private static string Describe(string name, int levels, (double, double)? inputRange, (double, double)? outputRange,
        bool maintainZero) =>
        CallText.Of(name, (nameof(levels), levels, levels != 256), (nameof(inputRange), inputRange, inputRange is not null),
            (nameof(outputRange), outputRange, outputRange is not null), (nameof(maintainZero), maintainZero, !maintainZero));
}
