namespace QatHost.Sdk.Engine;

/// <summary>The three kinds of registered module attribute (Rockpool's <c>rockpool.parameters</c>).</summary>
public enum AttributeKind
{
    /// <summary>Trainable configuration (weights, taus, thresholds...): a leaf tensor that requires grad.</summary>
    Parameter,
    /// <summary>A simulation setting, never trained (dt, noise_std, leak_mode...).</summary>
    SimulationParameter,
    /// <summary>Transient dynamic state (vmem, isyn, spikes), reset by <see cref="Module.ResetState"/>.</summary>
    State,
}
