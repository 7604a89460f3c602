using QatHost.Cli.Input;

namespace QatHost.Host.Tests.Input;

/// <summary>The REPL's line editor as a state machine: keys in, text, cursor and history out.</summary>
public class LineEditorTests
{
    private static LineEditorAction Send(LineEditor editor, params IEnumerable<ConsoleKeyInfo>[] keys)
    {
        var action = LineEditorAction.Edit;
        foreach (var key in keys.SelectMany(k => k)) action = editor.Handle(key);
        return action;
    }

    private static ConsoleKeyInfo[] Press(params ConsoleKey[] keys) => keys.Select(Keys.Press).ToArray();

    private static LineEditor NewEditor(InputHistory? history = null)
    {
        var editor = new LineEditor(history ?? new InputHistory());
        editor.Start(continuing: false);
        return editor;
    }

    [Fact]
    public void Typed_characters_are_inserted_at_the_cursor_which_moves_with_the_arrows_home_and_end()
    {
        var editor = NewEditor();

        Send(editor, Keys.Type("net"), Press(ConsoleKey.Home), Keys.Type("var "), Press(ConsoleKey.End), Keys.Type(" = 1"),
            Press(ConsoleKey.LeftArrow, ConsoleKey.LeftArrow), Keys.Type("x"), Press(ConsoleKey.RightArrow));

        editor.Text.ShouldBe("var net =x 1");
        editor.Cursor.ShouldBe(11);
    }

    [Fact]
    public void Backspace_deletes_before_the_cursor_and_delete_under_it_and_neither_goes_past_the_ends()
    {
        var editor = NewEditor();

        Send(editor, Keys.Type("abcd"), Press(ConsoleKey.LeftArrow, ConsoleKey.LeftArrow, ConsoleKey.Backspace,
            ConsoleKey.Delete, ConsoleKey.Home, ConsoleKey.Backspace, ConsoleKey.End, ConsoleKey.Delete));

        editor.Text.ShouldBe("ad");
        editor.Cursor.ShouldBe(2);
    }

    [Fact]
    public void Enter_submits_the_line_and_adds_it_to_the_history_once()
    {
        var history = new InputHistory();
        var editor = NewEditor(history);

        Send(editor, Keys.Type("1 + 1"), [Keys.Press(ConsoleKey.Enter)]).ShouldBe(LineEditorAction.Submit);
        editor.Start(continuing: false);
        Send(editor, Keys.Type("1 + 1"), [Keys.Press(ConsoleKey.Enter)]);
        editor.Start(continuing: false);
        Send(editor, [Keys.Press(ConsoleKey.Enter)]);

        editor.Text.ShouldBe("");
        history.Entries.ShouldBe(["1 + 1"]);
    }

    [Fact]
    public void Up_and_down_walk_the_history_and_down_past_the_newest_gives_back_the_line_being_typed()
    {
        var history = new InputHistory();
        history.Add("first");
        history.Add("second");
        var editor = NewEditor(history);
        Send(editor, Keys.Type("dra"), Press(ConsoleKey.LeftArrow));

        Send(editor, Press(ConsoleKey.UpArrow));
        editor.Text.ShouldBe("second");
        editor.Cursor.ShouldBe(6);
        Send(editor, Press(ConsoleKey.UpArrow, ConsoleKey.UpArrow));
        editor.Text.ShouldBe("first");
        Send(editor, Press(ConsoleKey.DownArrow, ConsoleKey.DownArrow, ConsoleKey.DownArrow));
        editor.Text.ShouldBe("dra");
    }

    [Fact]
    public void A_recalled_line_can_be_edited_and_submitted_as_a_new_entry()
    {
        var history = new InputHistory();
        history.Add("x * 2");
        var editor = NewEditor(history);

        Send(editor, Press(ConsoleKey.UpArrow, ConsoleKey.Backspace), Keys.Type("3"), [Keys.Press(ConsoleKey.Enter)])
            .ShouldBe(LineEditorAction.Submit);

        editor.Text.ShouldBe("x * 3");
        history.Entries.ShouldBe(["x * 2", "x * 3"]);
    }

    [Fact]
    public void Ctrl_c_cancels_a_line_with_text_and_a_second_ctrl_c_on_the_empty_line_quits()
    {
        var editor = NewEditor();

        Send(editor, Keys.Type("oops"), [Keys.Control(ConsoleKey.C)]).ShouldBe(LineEditorAction.Cancel);
        editor.QuitArmed.ShouldBeFalse();
        editor.Start(continuing: false);
        Send(editor, [Keys.Control(ConsoleKey.C)]).ShouldBe(LineEditorAction.Cancel);
        editor.QuitArmed.ShouldBeTrue();
        editor.Start(continuing: false);
        Send(editor, [Keys.Control(ConsoleKey.C)]).ShouldBe(LineEditorAction.Quit);
    }

    [Fact]
    public void A_key_between_two_ctrl_c_on_empty_lines_disarms_quitting()
    {
        var editor = NewEditor();

        Send(editor, [Keys.Control(ConsoleKey.C)]);
        editor.Start(continuing: false);
        Send(editor, Keys.Type("a"), Press(ConsoleKey.Backspace), [Keys.Control(ConsoleKey.C)]).ShouldBe(LineEditorAction.Cancel);
    }

    [Fact]
    public void Ctrl_c_on_an_empty_continuation_line_drops_the_submission_without_arming_quit()
    {
        var editor = new LineEditor(new InputHistory());
        editor.Start(continuing: true);

        Send(editor, [Keys.Control(ConsoleKey.C)]).ShouldBe(LineEditorAction.Cancel);

        editor.QuitArmed.ShouldBeFalse();
    }

    [Fact]
    public void Ctrl_d_quits_on_an_empty_line_and_deletes_under_the_cursor_otherwise()
    {
        var editor = NewEditor();

        Send(editor, Keys.Type("ab"), Press(ConsoleKey.Home), [Keys.Control(ConsoleKey.D)]).ShouldBe(LineEditorAction.Edit);
        editor.Text.ShouldBe("b");
        Send(editor, [Keys.Control(ConsoleKey.D)]);
        Send(editor, [Keys.Control(ConsoleKey.D)]).ShouldBe(LineEditorAction.Quit);
    }

    [Fact]
    public void Emacs_keys_move_and_kill_and_tab_at_the_line_start_inserts_four_spaces()
    {
        var editor = NewEditor();

        Send(editor, Keys.Type("abc def"), [Keys.Control(ConsoleKey.A)], [Keys.Control(ConsoleKey.F)],
            [Keys.Control(ConsoleKey.K)], [Keys.Control(ConsoleKey.A)], [Keys.Press(ConsoleKey.Tab)], Keys.Type("x"));

        editor.Text.ShouldBe("    xa");
        Send(editor, Press(ConsoleKey.LeftArrow), [Keys.Control(ConsoleKey.U)]);
        editor.Text.ShouldBe("xa");
        editor.Cursor.ShouldBe(0);
    }

    [Fact]
    public void Tab_after_a_word_asks_for_completion_and_an_opening_parenthesis_or_f1_for_signatures()
    {
        var editor = NewEditor();

        Send(editor, Keys.Type("net.Pa"), [Keys.Press(ConsoleKey.Tab)]).ShouldBe(LineEditorAction.Complete);
        editor.Text.ShouldBe("net.Pa");
        editor.Replace(4, 2, "Param");
        editor.Text.ShouldBe("net.Param");
        editor.Cursor.ShouldBe(9);
        Send(editor, Keys.Type("(")).ShouldBe(LineEditorAction.Signature);
        Send(editor, [Keys.Press(ConsoleKey.F1)]).ShouldBe(LineEditorAction.Signature);
    }

    [Fact]
    public void Ctrl_r_finds_older_matches_narrows_as_typed_and_esc_gives_the_line_back()
    {
        var history = new InputHistory();
        foreach (string line in new[] { "var net = Sequential();", "Print(net);", "net.BurnIn();", "1 + 1" }) history.Add(line);
        var editor = new LineEditor(history);
        editor.Start(continuing: false);

        Send(editor, Keys.Type("draft"), [Keys.Control(ConsoleKey.R)], Keys.Type("net"));
        editor.SearchQuery.ShouldBe("net");
        editor.Text.ShouldBe("net.BurnIn();");
        Send(editor, [Keys.Control(ConsoleKey.R)]);
        editor.Text.ShouldBe("Print(net);");
        editor.Cursor.ShouldBe(6);
        Send(editor, Keys.Type("x"));
        editor.SearchFailed.ShouldBeTrue();
        editor.Text.ShouldBe("Print(net);");
        Send(editor, Press(ConsoleKey.Backspace), Keys.Type(" ="));
        editor.Text.ShouldBe("var net = Sequential();");
        Send(editor, Press(ConsoleKey.Escape));
        editor.SearchQuery.ShouldBeNull();
        editor.Text.ShouldBe("draft");
    }

    [Fact]
    public void Enter_in_ctrl_r_search_submits_the_match_and_an_editing_key_keeps_it_for_editing()
    {
        var history = new InputHistory();
        history.Add("Print(1);");
        history.Add("Print(2);");
        var editor = new LineEditor(history);
        editor.Start(continuing: false);

        Send(editor, [Keys.Control(ConsoleKey.R)], Keys.Type("(1"), [Keys.Control(ConsoleKey.E)], Keys.Type("//"));
        editor.SearchQuery.ShouldBeNull();
        editor.Text.ShouldBe("Print(1);//");

        editor.Start(continuing: false);
        Send(editor, [Keys.Control(ConsoleKey.R)], Keys.Type("2"), Press(ConsoleKey.Enter)).ShouldBe(LineEditorAction.Submit);
        editor.Text.ShouldBe("Print(2);");
    }
}
