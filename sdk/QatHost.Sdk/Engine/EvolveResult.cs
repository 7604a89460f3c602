using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>What <see cref="Module.Evolve"/> returns, as Rockpool's <c>(output, new_state, record)</c>.</summary>
/// <param name="Output">The module output, <c>(B, T, Nout)</c>.</param>
/// <param name="State">The module's state after the call (live tensors, as <see cref="Module.State"/>).</param>
/// <param name="Record">Recorded time series when <c>record: true</c> (plus the <c>&lt;name&gt;_output</c>
/// entries that combinators always add), nested by submodule name.</param>
/// <remarks>Deconstructs like the Python tuple: <c>var (output, state, record) = net.Evolve(x);</c></remarks>
public sealed record EvolveResult(Tensor Output, TensorTree State, TensorTree Record);
