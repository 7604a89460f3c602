using QatHost.Scripting;
using QatHost.Scripting.Completion;

namespace QatHost.Host.Tests.Completion;

/// <summary>Roslyn completion and signature help in the context of earlier submissions, in process.</summary>
public class ReplCompletionTests
{
    private static ReplSession NewSession() =>
        new(new ScriptEnvironment([]), new ScriptGlobals([], TextWriter.Null), Environment.CurrentDirectory);

    private static CompletionResult Complete(ReplCompletion completion, string text) =>
        completion.Complete(text, text.Length, CancellationToken.None);

    [Fact]
    public void Members_of_a_variable_from_an_earlier_submission_are_offered_by_prefix()
    {
        using var session = NewSession();
        session.Evaluate("var net = Sequential(LinearTorch(3, 5), LIFTorch(5));").Kind.ShouldBe(ReplOutcomeKind.Ran);
        var completion = new ReplCompletion(session);
        completion.Sync(session.Submissions);

        var result = Complete(completion, "net.Para");

        result.Typed.ShouldBe("Para");
        result.Start.ShouldBe(4);
        result.Candidates.Select(c => c.Insert).ShouldBe(["Param", "ParameterFamilies", "Parameters"]);
        result.CommonPrefix().ShouldBe("Param");
    }

    [Fact]
    public void Types_globals_and_named_arguments_complete()
    {
        using var session = NewSession();
        var completion = new ReplCompletion(session);

        Complete(completion, "LeakMode.Bit").Candidates.Single().Insert.ShouldBe("Bitshifts");
        Complete(completion, "Pri").Candidates.Select(c => c.Insert).ShouldContain("Print");
        Complete(completion, "LIFTorch(5, hasR").Candidates.Single().Insert.ShouldBe("hasRec:");
    }

    [Fact]
    public void A_reset_session_forgets_its_variables()
    {
        using var session = NewSession();
        session.Evaluate("var net = Sequential(LinearTorch(3, 5));");
        var completion = new ReplCompletion(session);
        completion.Sync(session.Submissions);
        Complete(completion, "ne").Candidates.Select(c => c.Insert).ShouldContain("net");

        session.Evaluate("#reset");
        completion.Sync(session.Submissions);

        Complete(completion, "ne").Candidates.Select(c => c.Insert).ShouldNotContain("net");
    }

    [Fact]
    public void Signature_help_shows_overloads_with_names_defaults_and_the_xml_summary()
    {
        using var session = NewSession();
        var completion = new ReplCompletion(session);

        var help = completion.Signature("LIFTorch(5, ", "LIFTorch(5, ".Length, CancellationToken.None);

        help.ShouldNotBeNull();
        help.Overloads.ShouldContain(o => o.StartsWith("LIFTorch Builders.LIFTorch(long nIn, long? nOut = null, ") && o.Contains("bool hasRec = false"));
        help.Summary.ShouldNotBeNullOrEmpty();
    }
}
