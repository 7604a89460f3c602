namespace QatHost.Host.Tests.Support;

/// <summary>Fresh folders under the system temporary folder, one per call.</summary>
public static class TemporaryFolder
{
    /// <summary>Creates and returns an empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public static string Create(string prefix)
    {
        string path = Path.Combine(Path.GetTempPath(), "qathost-tests", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
