using QatHost.Scripting;

namespace QatHost.Host.Tests.Scripting;

/// <summary>Submissions with nothing to run (a comment, a using directive) succeed silently, and a using
/// directive applies to the submissions after it.</summary>
public class ReplEmptySubmissionTests
{
    [Fact]
    public void A_comment_or_a_using_directive_runs_and_the_using_applies_later()
    {
        var output = new StringWriter();
        using var session = new ReplSession(new ScriptEnvironment([]), new ScriptGlobals([], output), Environment.CurrentDirectory);

        var first = session.Evaluate("var width = 3;");
        var comment = session.Evaluate("// a note to self");
        var import = session.Evaluate("using System.Text;");
        var after = session.Evaluate("new StringBuilder().Append('x', width).ToString().Length");

        first.Kind.ShouldBe(ReplOutcomeKind.Ran);
        comment.Kind.ShouldBe(ReplOutcomeKind.Ran);
        comment.Diagnostics.ShouldBeEmpty();
        import.Kind.ShouldBe(ReplOutcomeKind.Ran);
        after.Kind.ShouldBe(ReplOutcomeKind.Value, string.Join("\n", after.Diagnostics.Select(d => d.Message)));
        after.Value.ShouldBe("3");
    }
}
