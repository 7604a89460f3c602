namespace QatHost.Sdk;

/// <summary>Writes files whole or not at all: the content goes to a temporary file beside the target,
/// which is then moved over it. A failure leaves the previous file (if any) untouched and no temporary file.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string contents) =>
        Write(path, temp => File.WriteAllText(temp, contents));

    /// <summary>Creates <paramref name="path"/> atomically with whatever <paramref name="write"/> writes to the
    /// temporary path it is given.</summary>
    /// <exception cref="QatHostException">The folder does not exist or the file cannot be written.</exception>
    public static void Write(string path, Action<string> write)
    {
        string full = System.IO.Path.GetFullPath(path);
        string? folder = System.IO.Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new QatHostException($"{path}: folder \"{folder}\" does not exist.");
        string temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QatHostException($"{path}: cannot write: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
