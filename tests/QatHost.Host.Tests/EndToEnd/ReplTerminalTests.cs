using System.Text.RegularExpressions;
using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary><c>qathost repl</c> in a real terminal (tmux): completion, signature help, Ctrl-R and <c>#save</c>.</summary>
public class ReplTerminalTests
{
    private static Dictionary<string, string> Environment(string folder) => new()
    {
        ["QATHOST_HISTORY"] = Path.Combine(folder, "history"),
        ["QATHOST_CACHE"] = Path.Combine(folder, "cache"),
        ["TERM"] = "xterm-256color",
    };

    [Fact]
    public void Tab_completes_members_and_plugin_transforms_lists_candidates_and_parenthesis_shows_signatures()
    {
        string folder = TemporaryFolder.Create("terminal");
        using var terminal = new TmuxTerminal(Environment(folder), "repl");
        terminal.WaitForRow("qathost REPL. #help for commands, #quit to leave.");
        terminal.Type("var net = Sequential(LinearTorch(3, 5), LIFTorch(5));");
        terminal.Press("Enter");
        terminal.WaitFor(s => s.Contains(">"), "the next prompt");

        // A member of a variable from the earlier submission: the shared prefix first, then the list.
        terminal.Type("net.Para");
        terminal.Press("Tab");
        terminal.WaitForRow("> net.Param");
        terminal.Press("Tab");
        terminal.WaitFor(s => s.Any(r => Regex.IsMatch(r, @"^Param\s+ParameterFamilies\s+Parameters$")), "the candidate list");

        // A plugin transform, completed uniquely, then its signature with defaults and XML summary.
        terminal.Press("C-u");
        terminal.Type("net.Param(\"weights\").Apply(Rounding.Det");
        terminal.Press("Tab");
        terminal.WaitForRow("> net.Param(\"weights\").Apply(Rounding.Deterministic");
        terminal.Type("(");
        var screen = terminal.WaitFor(s => s.Any(r => r.StartsWith("Transform Rounding.Deterministic(int levels = 256, ")), "signature help");
        screen.ShouldContain(r => r.StartsWith("  Deterministic rounding"));
        screen.ShouldContain(r => r.StartsWith("  levels: "));

        // A named argument.
        terminal.Type("maintainZ");
        terminal.Press("Tab");
        terminal.WaitForRow("> net.Param(\"weights\").Apply(Rounding.Deterministic(maintainZero:");
    }

    [Fact]
    public void Ctrl_r_finds_an_earlier_line_and_save_writes_a_script_that_run_reproduces()
    {
        string folder = TemporaryFolder.Create("terminal");
        string saved = Path.Combine(folder, "session.csx");
        using (var terminal = new TmuxTerminal(Environment(folder), "repl"))
        {
            terminal.WaitForRow("qathost REPL. #help for commands, #quit to leave.");
            foreach (string line in new[] { "var a = 20;", "var b = a + 1;", "b * 2", "undefinedName + 1" })
            {
                terminal.Type(line);
                terminal.Press("Enter");
            }
            terminal.WaitFor(s => s.Any(r => r.Contains("error CS0103")), "the failing submission's error");

            terminal.Press("C-r");
            terminal.Type("a +");
            terminal.WaitForRow("(reverse-i-search)'a +': var b = a + 1;");
            terminal.Press("Escape");
            terminal.Press("C-r");
            terminal.Type("b *");
            terminal.WaitForRow("(reverse-i-search)'b *': b * 2");
            terminal.Press("Enter");
            terminal.WaitFor(s => s.Count(r => r == "42") == 2, "42 printed twice");

            terminal.Type($"#save {saved}");
            terminal.Press("Enter");
            terminal.WaitFor(s => s.Any(r => r.StartsWith("saved 4 submission(s) to ")), "the #save confirmation", seconds: 30);
        }

        File.ReadAllText(saved).ShouldBe("var a = 20;\nvar b = a + 1;\nPrint(b * 2);\nPrint(b * 2);\n");
        var replay = QatHostProcess.Run("run", saved);
        replay.ExitCode.ShouldBe(0, replay.ToString());
        replay.OutputLines.ShouldBe(["42", "42"]);
        File.ReadAllLines(Path.Combine(folder, "history")).ShouldBe(
            ["var a = 20;", "var b = a + 1;", "b * 2", "undefinedName + 1", "b * 2", $"#save {saved}"]);
    }
}
