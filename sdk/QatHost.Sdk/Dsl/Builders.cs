using QatHost.Sdk.Engine;

namespace QatHost.Sdk.Dsl;

/// <summary>
/// The network builders scripts call without qualification (<c>using static</c>), named and ordered as in
/// Rockpool: <c>Sequential(LinearTorch(3, 5), LIFTorch(5), Residual(LinearTorch(5, 5), LIFTorch(5, hasRec: true)))</c>.
/// Each returns the module type of the same name; see that type for the arguments.
/// </summary>
public static class Builders
{
    /// <inheritdoc cref="Engine.LinearTorch(long, long, bool, ParamInit?, ParamInit?)"/>
    public static LinearTorch LinearTorch(long nIn, long nOut, bool hasBias = false, ParamInit? weight = null, ParamInit? bias = null) =>
        new(nIn, nOut, hasBias, weight, bias);

    /// <inheritdoc cref="Engine.LIFTorch(long, long?, ParamInit?, ParamInit?, ParamInit?, ParamInit?, ParamInit?, ParamInit?, ParamInit?, ParamInit?, bool, ParamInit?, double, LeakMode, double, double, double, SpikeGeneration)"/>
    public static LIFTorch LIFTorch(long nIn, long? nOut = null,
        ParamInit? tauMem = null, ParamInit? tauSyn = null, ParamInit? alpha = null, ParamInit? beta = null,
        ParamInit? dashMem = null, ParamInit? dashSyn = null, ParamInit? bias = null, ParamInit? threshold = null,
        bool hasRec = false, ParamInit? wRec = null, double noiseStd = 0.0, LeakMode leakMode = LeakMode.Taus,
        double maxSpikesPerDt = 65536.0, double learningWindow = 0.5, double dt = 1e-3,
        SpikeGeneration spikeGeneration = SpikeGeneration.StepPWL) =>
        new(nIn, nOut, tauMem, tauSyn, alpha, beta, dashMem, dashSyn, bias, threshold, hasRec, wRec, noiseStd,
            leakMode, maxSpikesPerDt, learningWindow, dt, spikeGeneration);

    /// <inheritdoc cref="Engine.Sequential(Module[])"/>
    public static Sequential Sequential(params Module[] modules) => new(modules);

    /// <inheritdoc cref="Engine.Residual(Module[])"/>
    public static Residual Residual(params Module[] modules) => new(modules);
}
