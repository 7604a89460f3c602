using System.Reflection;

namespace QatHost.Host.Tests.Support;

/// <summary>Paths the build recorded in this assembly: the repository root, the built CLI.</summary>
public static class Repository
{
    /// <summary>The repository root (the folder holding QatHost.sln), with a trailing separator.</summary>
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>The built <c>qathost.dll</c>, run with <c>dotnet</c>.</summary>
    public static string CliAssembly { get; } = Metadata("QatHostCli");

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>A path below the repository root.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Metadata(string key) => typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
