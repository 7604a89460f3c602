using QatHost.Sdk;
using QatHost.Sdk.Sweeps;

namespace QatHost.Host.Tests.Sweeps;

/// <summary>Grid expansion and trial ids.</summary>
public class SweepGridTests
{
    [Fact]
    public void The_trials_are_the_cartesian_product_first_parameter_slowest()
    {
        var grid = SweepGrid.Parse(["bits=2,3,4,8", "seed=1..3", "method=qat"]);

        grid.Count.ShouldBe(12);
        grid.Trials("/sweep").Select(t => t.Describe()).Take(4).ShouldBe(
            ["bits=2 seed=1 method=qat", "bits=2 seed=2 method=qat", "bits=2 seed=3 method=qat", "bits=3 seed=1 method=qat"]);
        grid.Trials("/sweep").Select(t => t.Id).Distinct().Count().ShouldBe(12);
        grid.Trials("/sweep")[0].Directory.ShouldBe(Path.Combine("/sweep", "trials", grid.Trials("/sweep")[0].Id));
    }

    [Fact]
    public void A_trial_id_depends_on_names_and_values_only_not_their_order()
    {
        string id = SweepGrid.TrialId([new("bits", "2"), new("seed", "1")]);

        id.ShouldMatch("^[0-9a-f]{12}$");
        SweepGrid.TrialId([new("seed", "1"), new("bits", "2")]).ShouldBe(id);
        SweepGrid.TrialId([new("bits", "2"), new("seed", "2")]).ShouldNotBe(id);
        SweepGrid.Parse(["seed=1", "bits=2"]).Trials("/x")[0].Id.ShouldBe(id);
        // Fixed forever: sweep folders written by earlier versions must keep matching.
        id.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("bits=2\nseed=1\n"u8))[..12]);
    }

    [Theory]
    [InlineData("seed=-1..1", new[] { "-1", "0", "1" })]
    [InlineData("lr=0.1, 0.01", new[] { "0.1", "0.01" })]
    [InlineData("method=qat", new[] { "qat" })]
    public void Values_are_lists_ranges_or_one_value(string spec, string[] values) =>
        SweepGrid.Parse([spec]).Parameters[0].Value.ShouldBe(values);

    [Theory]
    [InlineData("bits", "--param bits: expected NAME=VALUE, e.g. --param bits=4.")]
    [InlineData("2bits=1", "--param 2bits=1: \"2bits\" is not a parameter name (letters, digits, _ - .; not starting with a digit).")]
    [InlineData("bits=2,2", "--param bits=2,2: value \"2\" is listed twice.")]
    public void Malformed_parameters_are_named(string spec, string message) =>
        Should.Throw<QatHostException>(() => SweepGrid.Parse([spec])).Message.ShouldBe(message);
}
