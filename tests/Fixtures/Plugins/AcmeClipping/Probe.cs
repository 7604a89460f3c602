using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace Acme.Qat;

/// <summary>Makes SDK and TorchSharp objects inside the plugin, so tests can check they are the host's types.</summary>
public static class Probe
{
    /// <summary>A tensor of ones made by the plugin.</summary>
    public static Tensor Ones(long n) => ones(n);

    /// <summary>A module made by the plugin.</summary>
    public static Module Layer() => new LinearTorch(2, 3);
}
