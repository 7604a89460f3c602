namespace QatHost.Sdk.Plotting;

/// <summary>One line of <see cref="Plots.Series"/>: y against x, with an optional spread drawn as error bars.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, one per x.</param>
/// <param name="Spread">Half-heights of the error bars (e.g. standard deviations), one per x; null for none.</param>
public sealed record PlotSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double>? Spread = null);
