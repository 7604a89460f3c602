using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests;

/// <summary>The behaviours Rockpool's own tests assert for its transform functions (spec section 9, items 1 and
/// 6-10, tests/tests_default/test_torch_transform.py), mirrored on the QatHost transforms.</summary>
public class RockpoolBehaviourTests
{
    public static TheoryData<int> LevelCounts => new(Enumerable.Range(0, 64).Select(i => 3 + 4 * i));

    [Fact]
    public void Dropout_of_a_parameter_requiring_grad_gives_a_gradient_that_is_not_all_zero()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(1);
        var param = rand([10, 10], generator: generator).requires_grad_();

        Dropout.Bernoulli().Forward(param, Contexts.Training(generator: generator)).sum().backward();

        param.grad!.abs().sum().item<float>().ShouldBeGreaterThan(0);
    }

    [Theory, MemberData(nameof(LevelCounts))]
    public void Stochastic_rounding_gives_at_most_n_distinct_values(int levels)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(6);
        var x = randn([1000], generator: generator);

        var output = Rounding.Stochastic(levels).Forward(x, Contexts.Training(generator: generator));

        Floats.Distinct(output).Length.ShouldBeLessThanOrEqualTo(levels);
    }

    [Theory, MemberData(nameof(LevelCounts))]
    public void Deterministic_rounding_gives_at_most_n_distinct_values(int levels)
    {
        using var scope = NewDisposeScope();
        var x = randn([1000], generator: new Generator(8));

        var output = Rounding.Deterministic(levels).Forward(x, Contexts.Training());

        Floats.Distinct(output).Length.ShouldBeLessThanOrEqualTo(levels);
    }

    [Fact]
    public void Rounding_with_sixteen_levels_and_default_ranges_stays_within_plus_minus_max_abs()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(6);
        var x = randn([1000], generator: generator);
        float max = x.abs().max().item<float>();

        var stochastic = Floats.Of(Rounding.Stochastic(16).Forward(x, Contexts.Training(generator: generator)));
        var deterministic = Floats.Of(Rounding.Deterministic(16).Forward(x, Contexts.Training()));

        stochastic.ShouldAllBe(v => v >= -max && v <= max);
        deterministic.ShouldAllBe(v => v >= -max && v <= max);
    }

    [Theory]
    [InlineData(false, -10f)]
    [InlineData(true, 0f)]
    public void Rounding_linspace_onto_minus_ten_to_ten_has_the_minimum_rockpool_asserts(bool maintainZero, float minimum)
    {
        using var scope = NewDisposeScope();
        var x = linspace(0, 1, 11);
        var generator = new Generator(6);

        var stochastic = Rounding.Stochastic(11, outputRange: (-10, 10), maintainZero: maintainZero)
            .Forward(x, Contexts.Training(generator: generator));
        var deterministic = Rounding.Deterministic(11, outputRange: (-10, 10), maintainZero: maintainZero)
            .Forward(x, Contexts.Training());

        stochastic.min().item<float>().ShouldBe(minimum);
        deterministic.min().item<float>().ShouldBe(minimum);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(15)]
    public void Per_channel_rounding_of_a_five_by_five_matrix_gives_at_most_n_distinct_values(int levels)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var w = randn([5, 5], generator: generator);

        var output = Rounding.StochasticPerChannel((-10, 10), levels).Forward(w, Contexts.Training(generator: generator));

        Floats.Distinct(output).Length.ShouldBeLessThanOrEqualTo(levels);
    }

    [Fact]
    public void Per_channel_rounding_without_maintain_zero_reaches_the_bottom_of_the_output_range()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var w = randn([5, 5], generator: generator);

        var output = Rounding.StochasticPerChannel((-10, 10), 11, maintainZero: false)
            .Forward(w, Contexts.Training(generator: generator));

        output.min().item<float>().ShouldBe(-10f);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Integer_quantisation_gives_at_most_two_to_the_bits_minus_one_integers_within_plus_minus_qmax(int bits)
    {
        using var scope = NewDisposeScope();
        var x = randn([1000], generator: new Generator(9));
        int qmax = (1 << (bits - 1)) - 1;

        var output = Floats.Of(Quantise.Integer(bits).Forward(x, Contexts.Training()));

        output.Select(v => v + 0f).Distinct().Count().ShouldBeLessThanOrEqualTo((1 << bits) - 1);
        output.ShouldAllBe(v => v == MathF.Round(v) && v >= -qmax && v <= qmax);
    }

    [Theory]
    [InlineData(true, false, 0f, null)]
    [InlineData(false, false, -127f, null)]
    [InlineData(false, true, -127f, 127f)]
    public void Integer_quantisation_of_non_negative_data_with_a_zero_has_the_extremes_rockpool_asserts(
        bool maintainZero, bool mapToMax, float minimum, float? maximum)
    {
        using var scope = NewDisposeScope();
        var x = cat([rand([1000], generator: new Generator(10)), zeros(1)]);

        var output = Quantise.Integer(8, maintainZero, mapToMax).Forward(x, Contexts.Training());

        output.min().item<float>().ShouldBe(minimum);
        if (maximum is { } max) output.max().item<float>().ShouldBe(max);
    }

    [Fact]
    public void Decay_to_bitshift_of_decays_between_half_and_0_99_gives_one_minus_a_power_of_two()
    {
        using var scope = NewDisposeScope();
        var decays = rand([10], generator: new Generator(11)).clip(0.5, 0.99);
        var allowed = Enumerable.Range(1, 15).Select(b => 1f - 1f / (1 << b)).ToHashSet();

        var output = Floats.Of(Decay.ToBitshift().Forward(decays, Contexts.Training()));

        output.ShouldAllBe(v => allowed.Contains(v));
    }
}
