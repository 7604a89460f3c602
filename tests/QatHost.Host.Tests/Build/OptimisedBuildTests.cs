using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.Build;

/// <summary>What `dotnet run --project host/QatHost.Cli` runs (the host, the SDK and the in-tree plugins in its
/// plugins folder) is compiled with optimisation in every configuration (Directory.Build.props).</summary>
public class OptimisedBuildTests
{
    [Fact]
    public void Every_QatHost_assembly_the_CLI_runs_has_the_JIT_optimiser_enabled()
    {
        string folder = Path.GetDirectoryName(Repository.CliAssembly)!;
        var files = Directory.GetFiles(folder, "*.dll", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).StartsWith("QatHost", StringComparison.Ordinal) || Path.GetFileName(f) == "qathost.dll")
            .ToList();
        files.ShouldContain(f => Path.GetFileName(f) == "QatHost.Sdk.dll");
        files.ShouldContain(f => f.Contains($"{Path.DirectorySeparatorChar}plugins{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var context = new AssemblyLoadContext("optimisation-probe", isCollectible: true);
        try
        {
            var unoptimised = files.Where(f => JitOptimizerDisabled(context.LoadFromAssemblyPath(f))).ToList();
            unoptimised.ShouldBeEmpty("compiled without optimisation; Directory.Build.props sets <Optimize> for every configuration");
        }
        finally
        {
            context.Unload();
        }
    }

    private static bool JitOptimizerDisabled(Assembly assembly)
    {
        var data = assembly.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == typeof(DebuggableAttribute).FullName);
        if (data is null) return false;
        if (data.ConstructorArguments[^1].Value is bool disabled) return disabled;   // (isJITTrackingEnabled, isJITOptimizerDisabled)
        var modes = (DebuggableAttribute.DebuggingModes)Convert.ToInt32(data.ConstructorArguments[^1].Value);
        return modes.HasFlag(DebuggableAttribute.DebuggingModes.DisableOptimizations);
    }
}
