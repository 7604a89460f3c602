using QatHost.Sdk.Transforms;

namespace QatHost.Transforms;

/// <summary>Pruning: a mask that zeroes the least important parameters (and their gradients) during training.</summary>
public static partial class Pruning
{
    /// <summary>
    /// Magnitude pruning to a target sparsity: the transform returns <c>x · mask</c>, where the mask removes the
    /// <c>round(sparsity · count)</c> smallest magnitudes. The gradient is masked too, so pruned raw values do
    /// not learn, and burning in stores the zeros.
    /// </summary>
    /// <remarks>
    /// <para><b>Count and ties.</b> The count is rounded half to even (as torch.nn.utils.prune). Equal magnitudes
    /// are pruned in order: tensors in the order they were first seen, then by flat index. So the sparsity is
    /// exact, and the same network gives the same mask.</para>
    /// <para><b>Structured.</b> With <paramref name="structured"/>, the units are whole output neurons: the slices
    /// along the <b>last</b> dimension, i.e. the columns <c>W[:, j]</c> of a LinearTorch weight <c>(Nin, Nout)</c>
    /// (all inputs of output neuron j), ranked by their L2 norm. A 1-D parameter (biases, thresholds: one value per
    /// neuron) is pruned per element.</para>
    /// <para><b>Schedule.</b> The sparsity is 0 before <paramref name="startStep"/>, ramps linearly to
    /// <paramref name="sparsity"/> between <paramref name="startStep"/> and <paramref name="endStep"/>, and stays
    /// there (the context's <see cref="TransformContext.Step"/> counts training steps). The defaults (0, 0) prune
    /// at once. The mask is computed from the magnitudes on first use and recomputed only when the scheduled count
    /// changes; values pruned once stay pruned. Evaluation (Training false) applies the current mask.</para>
    /// <para><b>State.</b> One instance keeps a mask per tensor it is applied to (keyed by module path and target).
    /// With <see cref="PruningScope.Global"/>, the instance ranks over every tensor it has seen: each call registers
    /// its tensor, and the masks of all registered tensors are recomputed together whenever a new tensor registers
    /// or the scheduled count changes. In the very first forward pass the earlier tensors are ranked before the later
    /// ones have registered; from the second pass on, the union holds the exact sparsity.</para>
    /// </remarks>
    /// <param name="sparsity">Fraction of values (or units) to prune, in [0, 1].</param>
    /// <param name="scope">Rank per tensor, or across all tensors this transform is applied to.</param>
    /// <param name="structured">Prune whole output neurons (slices along the last dimension) instead of single values.</param>
    /// <param name="startStep">Training step at which pruning starts; ≥ 0.</param>
    /// <param name="endStep">Training step at which <paramref name="sparsity"/> is reached; ≥ <paramref name="startStep"/>.</param>
    /// <returns>A parameter transform.</returns>
    /// <exception cref="TransformArgumentException">sparsity outside [0, 1], or a schedule with steps out of order.</exception>
    public static Transform Magnitude(double sparsity, PruningScope scope = PruningScope.PerTensor, bool structured = false,
        long startStep = 0, long endStep = 0)
    {
        const string name = "Pruning.Magnitude";
        Guard.Probability(name, nameof(sparsity), sparsity, allowOne: true);
        if (startStep < 0) throw new TransformArgumentException(name, nameof(startStep), startStep, "must be at least 0");
        if (endStep < startStep)
            throw new TransformArgumentException(name, nameof(endStep), endStep, $"must be at least startStep ({startStep})");
        string description = CallText.Of(name, (nameof(sparsity), sparsity, true), (nameof(scope), scope, scope != PruningScope.PerTensor),
            (nameof(structured), structured, structured), (nameof(startStep), startStep, startStep != 0),
            (nameof(endStep), endStep, endStep != 0));
        return new MagnitudePruning(description, sparsity, scope == PruningScope.Global, structured, startStep, endStep);
    }

    /// <summary>The scheduled sparsity at <paramref name="step"/>: 0, a linear ramp, then the target.</summary>
    internal static double Scheduled(double sparsity, long startStep, long endStep, long step) =>
        step >= endStep ? sparsity
        : step < startStep ? 0
        : sparsity * (step - startStep) / (endStep - startStep);
}
