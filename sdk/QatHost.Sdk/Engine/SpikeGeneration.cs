namespace QatHost.Sdk.Engine;

/// <summary>The spike function of a LIF layer: the forward pass is the same multi-spike count for both,
/// <c>n = min(floor(v / θ), maxSpikesPerDt)</c> where <c>v ≥ θ</c>, else 0; they differ in the surrogate
/// gradient (spec 3.3).</summary>
public enum SpikeGeneration
{
    /// <summary>Piecewise-linear surrogate: dS/dv = 1/θ where v ≥ θ - window, else 0 (Rockpool's default).</summary>
    StepPWL,
    /// <summary>Periodic exponential surrogate, peaking at every multiple of the threshold.</summary>
    PeriodicExponential,
}
