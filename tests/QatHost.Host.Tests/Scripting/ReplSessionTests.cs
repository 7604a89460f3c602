using QatHost.Scripting;

namespace QatHost.Host.Tests.Scripting;

/// <summary>The REPL session in process: state, values, errors, and memory over long sessions.</summary>
public class ReplSessionTests
{
    private static ReplSession NewSession(TextWriter? output = null) =>
        new(new ScriptEnvironment([]), new ScriptGlobals([], output ?? TextWriter.Null), Environment.CurrentDirectory);

    private static long ManagedBytesAfterCollection()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Theory]
    [InlineData("var x = 1;", true)]
    [InlineData("int Square(int x)\n{", false)]
    [InlineData("var net = Sequential(LinearTorch(3, 5),", false)]
    [InlineData("#reset", true)]
    public void A_submission_is_complete_only_when_its_statements_are(string text, bool complete)
    {
        ReplSession.IsComplete(text).ShouldBe(complete);
    }

    [Fact]
    public void Variables_and_functions_carry_over_and_a_trailing_expression_is_shown()
    {
        using var session = NewSession();

        session.Evaluate("var net = Sequential(LinearTorch(3, 5), LIFTorch(5));");
        session.Evaluate("long Width() => net.SizeOut;");
        var outcome = session.Evaluate("Width() * 2");

        outcome.Kind.ShouldBe(ReplOutcomeKind.Value);
        outcome.Value.ShouldBe("10");
    }

    [Fact]
    public void A_failed_submission_leaves_the_session_usable()
    {
        using var session = NewSession();
        session.Evaluate("var x = 2;");

        var failed = session.Evaluate("x.Nope()");
        var next = session.Evaluate("x + 1");

        failed.Kind.ShouldBe(ReplOutcomeKind.Failed);
        failed.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("CS1061");
        next.Value.ShouldBe("3");
    }

    [Fact]
    public void A_thousand_submissions_redeclaring_a_large_value_keep_memory_bounded()
    {
        using var session = NewSession();
        const string submission = "var data = new byte[1_000_000];";
        for (int i = 0; i < 20; i++) session.Evaluate(submission);
        long baseline = ManagedBytesAfterCollection();

        for (int i = 0; i < 1000; i++) session.Evaluate(submission).Kind.ShouldBe(ReplOutcomeKind.Ran);

        // Keeping every array would take 1 GB; what remains is the compiler's few kB per submission.
        long growth = ManagedBytesAfterCollection() - baseline;
        growth.ShouldBeLessThan(200_000_000);
        session.Evaluate("data.Length").Value.ShouldBe("1000000");
    }

    [Fact]
    public void Reset_unloads_the_compiled_submissions_and_frees_their_state()
    {
        using var session = NewSession();
        long baseline = ManagedBytesAfterCollection();
        session.Evaluate("var big = new byte[200_000_000]; big[0] = 1;");
        var context = session.LoadContextReference;

        session.Evaluate("#reset").Kind.ShouldBe(ReplOutcomeKind.Reset);

        // Unloading completes only after the runtime lets go (tiered compilation may hold it briefly).
        for (int i = 0; i < 50 && context.IsAlive; i++)
        {
            ManagedBytesAfterCollection();
            Thread.Sleep(20);
        }
        context.IsAlive.ShouldBeFalse();
        (ManagedBytesAfterCollection() - baseline).ShouldBeLessThan(50_000_000);
        session.Evaluate("big").Kind.ShouldBe(ReplOutcomeKind.Failed);
    }
}
