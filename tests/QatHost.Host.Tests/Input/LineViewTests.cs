using QatHost.Cli.Input;

namespace QatHost.Host.Tests.Input;

/// <summary>Which part of a long line the terminal shows.</summary>
public class LineViewTests
{
    [Fact]
    public void A_line_that_fits_is_shown_whole_with_the_cursor_where_it_is()
    {
        LineView.Of(textLength: 5, cursor: 2, width: 10).ShouldBe(new LineView(0, 5, 2));
    }

    [Fact]
    public void A_long_line_with_the_cursor_at_its_start_shows_its_first_screenful()
    {
        LineView.Of(textLength: 30, cursor: 0, width: 10).ShouldBe(new LineView(0, 10, 0));
    }

    [Fact]
    public void A_long_line_scrolls_so_the_cursor_stays_on_the_last_column()
    {
        LineView.Of(textLength: 30, cursor: 30, width: 10).ShouldBe(new LineView(21, 9, 9));
        LineView.Of(textLength: 30, cursor: 15, width: 10).ShouldBe(new LineView(6, 10, 9));
    }
}
