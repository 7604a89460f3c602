using System.Diagnostics;
using System.Reflection;
using QatHost.Sdk.Engine;

namespace QatHost.Tests.Platform;

/// <summary>The build the README's commands give is the fast build: the SDK and the plugins are compiled with
/// optimisation whatever the configuration (Directory.Build.props), so the JIT optimises the fused LIF kernel.
/// Unoptimised, the kernel runs about 3x slower (docs/performance.md).</summary>
public class OptimisedBuildTests
{
    public static TheoryData<string> Assemblies => new()
    {
        typeof(LIFTorch).Assembly.GetName().Name!,
        typeof(QatHost.Transforms.Rounding).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void The_assembly_is_not_built_with_the_JIT_optimiser_disabled(string name)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == name);

        var debuggable = assembly.GetCustomAttribute<DebuggableAttribute>();

        (debuggable?.IsJITOptimizerDisabled ?? false).ShouldBeFalse(
            $"{name} was compiled without optimisation (<Optimize>false</Optimize>); Directory.Build.props sets it for every configuration.");
    }
}
