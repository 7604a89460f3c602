namespace QatHost.Nir.Tests;

/// <summary>A file path in a fresh temporary folder, deleted with the folder on dispose.</summary>
public sealed class TempFile : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-nir-").FullName;

    public TempFile(string name = "net.nir") => Path = System.IO.Path.Combine(folder, name);

    public string Path { get; }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
