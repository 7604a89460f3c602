using QatHost.Cli.Input;
using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.Input;

/// <summary>The REPL history and its file.</summary>
public class InputHistoryTests
{
    [Fact]
    public void Saved_lines_are_read_back_by_the_next_session()
    {
        string path = Path.Combine(TemporaryFolder.Create("history"), "state", "qathost", "history");
        var first = new InputHistory(path);
        first.Add("var x = 1;");
        first.Add("x");
        first.Save();

        new InputHistory(path).Entries.ShouldBe(["var x = 1;", "x"]);
    }

    [Fact]
    public void Two_sessions_open_at_once_both_keep_their_lines()
    {
        string path = Path.Combine(TemporaryFolder.Create("history"), "history");
        var one = new InputHistory(path);
        var two = new InputHistory(path);

        one.Add("from one");
        one.Save();
        two.Add("from two");
        two.Save();

        new InputHistory(path).Entries.ShouldBe(["from one", "from two"]);
    }

    [Fact]
    public void The_history_keeps_only_the_newest_thousand_entries_in_memory_and_in_the_file()
    {
        string path = Path.Combine(TemporaryFolder.Create("history"), "history");
        var history = new InputHistory(path);

        for (int i = 0; i < 1500; i++) history.Add($"line {i}");
        history.Save();

        history.Entries.Count.ShouldBe(InputHistory.Capacity);
        history.Entries[0].ShouldBe("line 500");
        File.ReadAllLines(path).ShouldBe(history.Entries);
        Directory.GetFiles(Path.GetDirectoryName(path)!).ShouldBe([path]);
    }

    [Fact]
    public void A_history_file_that_cannot_be_written_is_ignored()
    {
        string blocker = Path.Combine(TemporaryFolder.Create("history"), "not-a-folder");
        File.WriteAllText(blocker, "");
        var history = new InputHistory(Path.Combine(blocker, "history"));

        history.Add("still works");
        Should.NotThrow(history.Save);

        history.Entries.ShouldBe(["still works"]);
    }

    [Fact]
    public void The_history_file_follows_qathost_history_then_xdg_state_home()
    {
        string? before = Environment.GetEnvironmentVariable("QATHOST_HISTORY");
        try
        {
            Environment.SetEnvironmentVariable("QATHOST_HISTORY", "/tmp/chosen");
            InputHistory.DefaultPath().ShouldBe("/tmp/chosen");
            Environment.SetEnvironmentVariable("QATHOST_HISTORY", null);
            if (Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state)
                InputHistory.DefaultPath().ShouldBe(Path.Combine(state, "qathost", "history"));
            else
                InputHistory.DefaultPath().ShouldEndWith(Path.Combine(".local", "state", "qathost", "history"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("QATHOST_HISTORY", before);
        }
    }
}
