namespace QatHost.Sdk.Engine;

/// <summary>How a LIF layer's leak is parameterised (Rockpool's <c>leak_mode</c>, spec 3.2). Only the two
/// parameters of the active mode are trainable; the other four are derived, read-only values.</summary>
public enum LeakMode
{
    /// <summary>Time constants <c>tau_mem</c>, <c>tau_syn</c> in seconds: decay = exp(-dt / tau).</summary>
    Taus,
    /// <summary>Decay factors <c>alpha</c>, <c>beta</c> per time step, in (0, 1].</summary>
    Decays,
    /// <summary>Bit shifts <c>dash_mem</c>, <c>dash_syn</c>: decay = 1 - 2^-dash (continuous, not rounded).</summary>
    Bitshifts,
}

/// <summary>Rockpool's spellings of <see cref="LeakMode"/>.</summary>
public static class LeakModes
{
    /// <summary><c>"taus"</c>, <c>"decays"</c> or <c>"bitshifts"</c>.</summary>
    public static string RockpoolName(this LeakMode mode) => mode switch
    {
        LeakMode.Taus => "taus",
        LeakMode.Decays => "decays",
        _ => "bitshifts",
    };

    /// <summary>The family of the mode's two trainable parameters (same strings as the mode's name).</summary>
    public static string Family(this LeakMode mode) => mode.RockpoolName();

    /// <summary>The names of the mode's trainable parameters: membrane first, then synapse.</summary>
    public static (string Membrane, string Synapse) ParameterNames(this LeakMode mode) => mode switch
    {
        LeakMode.Taus => ("tau_mem", "tau_syn"),
        LeakMode.Decays => ("alpha", "beta"),
        _ => ("dash_mem", "dash_syn"),
    };
}
