using QatHost.Sdk.Engine;
using TorchSharp;

namespace QatHost.Plugins;

/// <summary>
/// What the host shares with every plugin, and so what a plugin folder must not ship. A plugin resolves
/// these from the host, so a <c>Tensor</c> or <c>Module</c> it returns is the host's type (two copies of
/// <c>Tensor</c> would not cast to each other, and two LibTorch copies in one process do not work).
/// </summary>
public static class SharedAssemblies
{
    /// <summary>One type from each shared assembly: the SDK and TorchSharp.</summary>
    public static IReadOnlyList<Type> Types { get; } = [typeof(Module), typeof(torch)];

    /// <summary>What to change when a plugin folder ships one of the shared files.</summary>
    public const string Advice =
        "the host provides QatHost.Sdk, TorchSharp and LibTorch; reference the SDK with Private=\"false\" " +
        "(project reference) or ExcludeAssets=\"runtime;native\" (package reference) so they are not copied";

    /// <summary>True for a file a plugin folder must not ship: the SDK, TorchSharp or LibTorch's native libraries.</summary>
    public static bool IsShared(string fileName)
    {
        string name = fileName.ToLowerInvariant();
        return name is "qathost.sdk.dll" or "torchsharp.dll"
            || name.StartsWith("libtorch", StringComparison.Ordinal)      // libtorch.so, libtorch_cpu.so, libtorchsharp...
            || name.StartsWith("liblibtorchsharp", StringComparison.Ordinal)
            || name.StartsWith("libtorchsharp", StringComparison.Ordinal)
            || name.StartsWith("libc10", StringComparison.Ordinal)
            || name is "torch.dll" or "torch_cpu.dll" or "c10.dll" or "libtorchsharp.dll";
    }
}
