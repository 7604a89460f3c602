namespace QatHost.Cli.Input;

/// <summary>The lines entered in the REPL, oldest first, optionally kept in a file between sessions (one entry
/// a line, at most <see cref="Capacity"/> entries). File errors never stop the REPL: history is a convenience.</summary>
public sealed class InputHistory
{
    /// <summary>How many entries are kept, in memory and in the file.</summary>
    public const int Capacity = 1000;

    private readonly List<string> entries = [];
    private readonly List<string> unsaved = [];
    private readonly string? path;

    /// <summary>A history kept in <paramref name="path"/> (read now, written by <see cref="Save"/>), or only in
    /// memory when <paramref name="path"/> is null.</summary>
    public InputHistory(string? path = null)
    {
        this.path = path;
        if (path is not null) entries.AddRange(ReadFile(path));
    }

    /// <summary>The entries, oldest first.</summary>
    public IReadOnlyList<string> Entries => entries;

    /// <summary>Adds a line unless it is blank or repeats the newest entry.</summary>
    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || (entries.Count > 0 && entries[^1] == line)) return;
        entries.Add(line);
        unsaved.Add(line);
        if (entries.Count > Capacity) entries.RemoveRange(0, entries.Count - Capacity);
    }

    /// <summary>Appends the lines added since the last save to the file. The file is read again first, so two
    /// sessions open at once both keep their lines, and replaced in one rename, so a crash never truncates it.</summary>
    public void Save()
    {
        if (path is null || unsaved.Count == 0) return;
        try
        {
            var lines = ReadFile(path).Concat(unsaved).ToList();
            if (lines.Count > Capacity) lines.RemoveRange(0, lines.Count - Capacity);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            string temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllLines(temporary, lines);
            File.Move(temporary, path, overwrite: true);
            unsaved.Clear();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Where the REPL keeps its history: <c>$QATHOST_HISTORY</c> if set (empty turns history files
    /// off), else <c>$XDG_STATE_HOME/qathost/history</c>, else <c>~/.local/state/qathost/history</c>.</summary>
    public static string? DefaultPath()
    {
        if (Environment.GetEnvironmentVariable("QATHOST_HISTORY") is { } chosen)
            return chosen.Length == 0 ? null : chosen;
        string? state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (home.Length == 0) return null;
            state = Path.Combine(home, ".local", "state");
        }
        return Path.Combine(state, "qathost", "history");
    }

    private static IEnumerable<string> ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).TakeLast(Capacity).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
