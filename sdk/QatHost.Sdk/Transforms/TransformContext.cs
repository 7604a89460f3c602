using static TorchSharp.torch;

namespace QatHost.Sdk.Transforms;

/// <summary>What a <see cref="Transform"/> knows about the call it serves.</summary>
/// <param name="ModulePath">Path of the module whose parameter or output is transformed, e.g. <c>"2_TorchResidual/1_LIFTorch"</c>.</param>
/// <param name="Target">The parameter name (<c>"weight"</c>, <c>"tau_mem"</c>...) or <c>"output"</c> for an activity.</param>
/// <param name="Family">The parameter family (<c>"weights"</c>...), or null for an activity.</param>
/// <param name="Training">True while training; transforms like dropout are the identity otherwise.</param>
/// <param name="Generator">The generator stochastic transforms must draw from; null means torch's global
/// generator (what Rockpool uses), which <c>--seed</c> seeds.</param>
/// <param name="Step">Training steps taken so far, for schedules (gradual pruning).</param>
public sealed record TransformContext(
    string ModulePath, string Target, string? Family, bool Training, Generator? Generator, long Step);
