using QatHost.Sdk.Engine;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>
/// Keeps every trained parameter with a valid range inside it, by projection after each optimizer step
/// (whatever the optimizer): time constants at least <c>dt / 10</c> (a decay of e^-10 per step, so never
/// zero or negative), decays in [0, 1], bit shifts at least 0, thresholds at least <see cref="MinimumThreshold"/>.
/// Time constants, in seconds, are also trained in units of <c>10 dt</c> (a linear reparametrisation, done as
/// a learning-rate scale per parameter group), so a learning rate that suits the weights moves a 20 ms time
/// constant by about 0.1 ms per Adam step rather than 10 ms. The stored parameters stay Rockpool's, so saved
/// files and oracles are unaffected.
/// </summary>
/// <remarks>A parameter pushed against its bound stays there until its gradient points back in; Adam's
/// moments are left as they are. <c>Train(..., constrain: false)</c> turns both off (Rockpool's behaviour).</remarks>
internal sealed class ParameterConstraints
{
    /// <summary>The smallest threshold training leaves: positive, and large enough that the surrogate
    /// gradient (which divides by the threshold) stays finite.</summary>
    public const double MinimumThreshold = 1e-3;

    /// <summary>The smallest time constant, as a share of the layer's <c>dt</c>.</summary>
    public const double MinimumTauPerDt = 0.1;

    private readonly List<Bound> bounds;

    private ParameterConstraints(List<Bound> bounds) => this.bounds = bounds;

    private sealed record Bound(Parameter Parameter, double? Min, double? Max);

    /// <summary>The unit time constants are trained in, as a multiple of the layer's <c>dt</c>.</summary>
    public const double TauUnitPerDt = 10;

    /// <summary>The optimizer over <paramref name="trained"/> (in that order within each group): one group per
    /// distinct unit, time constants in units of <see cref="TauUnitPerDt"/> · dt, everything else as it is.</summary>
    public static optim.Optimizer CreateOptimizer(Module net, OptimizerSpec spec, IReadOnlyList<Parameter> trained)
    {
        var scales = new Dictionary<Parameter, double>(ReferenceEqualityComparer.Instance);
        foreach (var module in net.AllModules())
            foreach (var a in module.Attributes)
                if (a.Kind == AttributeKind.Parameter && a.Family == Families.Taus && a.Value is Parameter p)
                    scales.TryAdd(p, TauUnitPerDt * Dt(module));
        var groups = trained.GroupBy(p => scales.TryGetValue(p, out double scale) ? scale : 1.0)
            .Select(g => ((IReadOnlyList<Parameter>)g.ToList(), g.Key)).ToList();
        return spec.Create(groups);
    }

    /// <summary>The ranges of the parameters in <paramref name="trained"/> that belong to a family with one.</summary>
    public static ParameterConstraints For(Module net, IEnumerable<Parameter> trained)
    {
        var selected = new HashSet<Parameter>(trained, ReferenceEqualityComparer.Instance);
        var bounds = new List<Bound>();
        foreach (var module in net.AllModules())
        {
            foreach (var a in module.Attributes)
            {
                if (a.Kind != AttributeKind.Parameter || a.Value is not Parameter p || !selected.Contains(p)) continue;
                var (min, max) = Range(module, a.Family);
                if (min is not null || max is not null) bounds.Add(new Bound(p, min, max));
            }
        }
        return new ParameterConstraints(bounds);
    }

    /// <summary>The valid range of a parameter of <paramref name="family"/> in <paramref name="module"/>, as
    /// training keeps it; (null, null) when the family has none.</summary>
    public static (double? Min, double? Max) Range(Module module, string? family) => family switch
    {
        Families.Taus => (MinimumTauPerDt * Dt(module), null),
        Families.Decays => (0.0, 1.0),
        Families.Bitshifts => (0.0, null),
        Families.Thresholds => (MinimumThreshold, null),
        _ => (null, null),
    };

    /// <summary>Projects every constrained parameter into its range, in place (no gradient).</summary>
    public void Apply()
    {
        if (bounds.Count == 0) return;
        using var noGrad = no_grad();
        foreach (var b in bounds)
        {
            if (b.Min is { } min && b.Max is { } max) b.Parameter.clamp_(min, max);
            else if (b.Min is { } lower) b.Parameter.clamp_min_(lower);
            else if (b.Max is { } upper) b.Parameter.clamp_max_(upper);
        }
    }

    private static double Dt(Module module) => module is LIFTorch lif ? lif.Dt
        : module.Attributes.FirstOrDefault(a => a.Name == "dt")?.Value is double dt ? dt : 1e-3;
}
