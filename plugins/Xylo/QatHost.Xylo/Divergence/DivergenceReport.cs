using System.Globalization;
using System.Text;

namespace QatHost.Xylo.Divergence;

/// <summary>
/// Float network, fake-quantised network and bit-exact chip simulation side by side (<see cref="Xylo.Divergence"/>):
/// per layer over one recorded input (<see cref="Layers"/>), per time step (<see cref="StepTable"/>) and, when a
/// dataset was given, classification over it (<see cref="Classification"/>). <c>Print(report)</c> shows the
/// layer table, the steps around the first divergence and the classification.
/// </summary>
public sealed class DivergenceReport
{
    private readonly IReadOnlyList<(double[] Float, double[] Quantised, long[] Chip)> steps;

    internal DivergenceReport(IReadOnlyList<LayerDivergence> layers,
        IReadOnlyList<(double[] Float, double[] Quantised, long[] Chip)> steps, ClassificationAgreement? classification)
    {
        Layers = layers;
        this.steps = steps;
        Classification = classification;
    }

    /// <summary>One row per LIF layer, hidden layers in hardware-ID order, then outputs.</summary>
    public IReadOnlyList<LayerDivergence> Layers { get; }

    /// <summary>Classification over the dataset, or null when none was given.</summary>
    public ClassificationAgreement? Classification { get; }

    /// <summary>Number of recorded time steps.</summary>
    public int Steps => steps.Count == 0 ? 0 : steps[0].Chip.Length;

    /// <summary>The first step where the fake-quantised network and the chip differ in any layer, or null.</summary>
    public int? FirstDivergence => Layers.Select(l => l.FirstDivergenceQuantised).Where(s => s is not null).Min();

    /// <summary>Spikes per layer and step, <c>chip / fake-quantised / float</c>, for <paramref name="count"/> steps from
    /// <paramref name="from"/>; a <c>*</c> marks a step where the fake-quantised network differs from the chip in that layer.</summary>
    public string StepTable(int from = 0, int count = 10)
    {
        from = Math.Clamp(from, 0, Math.Max(0, Steps - 1));
        int to = Math.Min(Steps, from + Math.Max(0, count));
        var text = new StringBuilder("step");
        var widths = Layers.Select(l => Math.Max(l.Module.Length, 16)).ToArray();
        for (int l = 0; l < Layers.Count; l++) text.Append("  ").Append(Layers[l].Module.PadLeft(widths[l]));
        for (int t = from; t < to; t++)
        {
            text.Append('\n').Append(t.ToString(CultureInfo.InvariantCulture).PadLeft(4));
            for (int l = 0; l < Layers.Count; l++)
            {
                var (f, q, c) = steps[l];
                bool differs = Layers[l].FirstDivergenceQuantised is { } first && t >= first && Math.Abs(q[t] - c[t]) > 0;
                string cell = string.Create(CultureInfo.InvariantCulture, $"{c[t]} / {q[t]:0.#} / {f[t]:0.#}{(differs ? "*" : " ")}");
                text.Append("  ").Append(cell.PadLeft(widths[l]));
            }
        }
        return text.ToString();
    }

    /// <summary>The layer table, the steps around the first divergence and the classification.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("divergence over one input: float network (F), fake-quantised network (Q), chip simulation (C); both networks with the chip's hop delay\n");
        string header = "layer                      neurons  spikes C / Q / F      steps equal Q  F   first diff Q  F   Vmem err Q  F (thr)";
        text.Append(header);
        foreach (var l in Layers)
        {
            string Step(int? s) => s is null ? "none" : s.Value.ToString(CultureInfo.InvariantCulture);
            text.Append('\n').Append(string.Create(CultureInfo.InvariantCulture,
                $"{(l.IsOutput ? l.Module + " (out)" : l.Module),-26} {l.Neurons,7}  {$"{l.SpikesChip} / {l.SpikesQuantised:0} / {l.SpikesFloat:0}",-20}  {l.AgreementQuantised * 100,6:F1}% {l.AgreementFloat * 100,5:F1}%  {Step(l.FirstDivergenceQuantised),6} {Step(l.FirstDivergenceFloat),5}   {l.VmemErrorQuantised,7:F1} {l.VmemErrorFloat,7:F1} ({l.Threshold:F0})"));
        }
        int start = Math.Max(0, (FirstDivergence ?? 0) - 2);
        text.Append("\nspikes per step, C / Q / F").Append(FirstDivergence is { } d ? $" (first divergence at step {d})" : " (no divergence)")
            .Append(":\n").Append(StepTable(start, 8));
        if (Classification is not null) text.Append('\n').Append(Classification);
        return text.ToString();
    }
}
