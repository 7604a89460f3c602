using QatHost.Scripting;
using QatHost.Sdk;
using QatHost.Sdk.Sweeps;

namespace QatHost.Host.Tests.Sweeps;

/// <summary><c>Param</c> and <c>Report</c> as scripts see them (through <see cref="ScriptGlobals"/>).</summary>
public class ScriptParametersTests
{
    private enum Method { Ptq, Qat }

    private static ScriptGlobals Globals(ScriptParameters parameters, StringWriter? output = null) => new([], output ?? new StringWriter(), parameters);

    [Fact]
    public void Param_converts_given_values_and_falls_back_to_the_default()
    {
        var parameters = ScriptParameters.FromCommandLine(["bits=4", "lr=1e-3", "qat=yes", "method=qat", "name=a b"], null);
        var g = Globals(parameters);

        g.Param("bits", 8).ShouldBe(4);
        g.Param("lr", 0.1).ShouldBe(1e-3);
        g.Param("qat", false).ShouldBeTrue();
        g.Param("method", Method.Ptq).ShouldBe(Method.Qat);
        g.Param("name", "").ShouldBe("a b");
        g.Param("epochs", 10).ShouldBe(10);
        parameters.UnreadError().ShouldBeNull();
    }

    [Theory]
    [InlineData("bits=4.5", "--param bits=4.5: \"4.5\" is not an int (Param<int>(\"bits\", ...)).")]
    [InlineData("bits=99999999999", "--param bits=99999999999: \"99999999999\" is not an int (Param<int>(\"bits\", ...)).")]
    public void A_value_that_does_not_parse_is_one_line_naming_parameter_value_and_type(string spec, string message)
    {
        var g = Globals(ScriptParameters.FromCommandLine([spec], null));
        Should.Throw<QatHostException>(() => g.Param("bits", 8)).Message.ShouldBe(message);
    }

    [Fact]
    public void An_enum_value_that_is_not_a_member_lists_the_members()
    {
        var g = Globals(ScriptParameters.FromCommandLine(["method=both"], null));
        Should.Throw<QatHostException>(() => g.Param("method", Method.Ptq)).Message
            .ShouldBe("--param method=both: \"both\" is not one of Ptq, Qat (Param<Method>(\"method\", ...)).");
    }

    [Fact]
    public void Given_parameters_the_script_did_not_read_are_named()
    {
        var parameters = ScriptParameters.FromCommandLine(["bits=4", "sed=1"], null);
        Globals(parameters).Param("bits", 8);

        parameters.UnreadError().ShouldBe("--param sed: the script never reads this parameter (it reads bits); check the name against its Param(\"...\") calls.");
    }

    [Fact]
    public void Report_keeps_the_last_value_per_metric_in_first_reported_order_and_writes_the_report_file()
    {
        string file = Path.Combine(Support.TemporaryFolder.Create("report"), "metrics.json");
        var parameters = ScriptParameters.FromCommandLine([], file);
        var output = new StringWriter();
        var g = Globals(parameters, output);

        g.Report("loss", 0.5);
        g.Report("accuracy", 0.75);
        g.Report("loss", 0.25);

        parameters.Reported.ShouldBe([new("loss", 0.25), new("accuracy", 0.75)]);
        TrialResult.ReadMetrics(file).ShouldBe([new("loss", 0.25), new("accuracy", 0.75)]);
        output.ToString().ReplaceLineEndings("\n").ShouldBe("[report] loss = 0.5\n[report] accuracy = 0.75\n[report] loss = 0.25\n");
    }

    [Theory]
    [InlineData("status")]
    [InlineData("bits")]
    [InlineData("a,b")]
    [InlineData("")]
    public void Report_refuses_names_that_would_break_the_results_table(string metric)
    {
        var g = Globals(ScriptParameters.FromCommandLine(["bits=2"], null));
        g.Param("bits", 8);
        Should.Throw<QatHostException>(() => g.Report(metric, 1)).Message.ShouldStartWith($"Report(\"{metric}\", ...): ");
    }
}
