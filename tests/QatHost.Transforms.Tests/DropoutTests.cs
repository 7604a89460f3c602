using QatHost.Sdk.Transforms;
using QatHost.Transforms.Tests.Support;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests;

/// <summary>Bernoulli (parameter) dropout, and unit and time-step dropout of activities (spec 6.6 and 8).</summary>
public class DropoutTests
{
    public static TheoryData<string> AllDropouts => new("Bernoulli", "Unit", "TimeStep");

    private static Transform Make(string kind, double p) => kind switch
    {
        "Bernoulli" => Dropout.Bernoulli(p),
        "Unit" => Dropout.Unit(p),
        _ => Dropout.TimeStep(p),
    };

    [Theory, MemberData(nameof(AllDropouts))]
    public void Dropout_is_the_identity_when_not_training(string kind)
    {
        using var scope = NewDisposeScope();
        var x = randn([2, 5, 3], generator: new Generator(1));

        var output = Make(kind, 0.5).Forward(x, Contexts.Evaluation(generator: new Generator(2)));

        Floats.Of(output).ShouldBe(Floats.Of(x));
    }

    [Fact]
    public void Bernoulli_dropout_keeps_survivors_unscaled_and_its_gradient_is_the_keep_mask()
    {
        using var scope = NewDisposeScope();
        var x = (rand([1000], generator: new Generator(3)) + 1).requires_grad_();

        var output = Dropout.Bernoulli(0.3).Forward(x, Contexts.Training(generator: new Generator(4)));
        output.sum().backward();

        var kept = Floats.Of(output.ne(0));
        Floats.Of(output).Zip(Floats.Of(x)).ShouldAllBe(p => p.First == 0 || p.First == p.Second);
        Floats.Of(x.grad!).ShouldBe(kept);
        kept.Average().ShouldBeInRange(0.65f, 0.75f);
    }

    [Fact]
    public void Unit_dropout_drops_whole_units_over_all_time_steps_and_scales_survivors_by_one_over_one_minus_p()
    {
        using var scope = NewDisposeScope();
        var x = rand([4, 20, 10], generator: new Generator(5)) + 0.5f;

        var output = Dropout.Unit(0.4).Forward(x, Contexts.Activity(new Generator(6)));

        var scaled = x / 0.6;
        int dropped = 0;
        for (int b = 0; b < 4; b++)
        for (int n = 0; n < 10; n++)
        {
            var unit = Floats.Of(output[b, .., n]);
            if (unit.All(v => v == 0)) dropped++;
            else unit.ShouldBe(Floats.Of(scaled[b, .., n]));
        }
        dropped.ShouldBeInRange(5, 30);
    }

    [Fact]
    public void Time_step_dropout_keeps_survivors_equal_to_the_input()
    {
        using var scope = NewDisposeScope();
        var x = rand([2, 50, 4], generator: new Generator(7)) + 0.5f;

        var output = Dropout.TimeStep(0.5).Forward(x, Contexts.Activity(new Generator(8)));

        var pairs = Floats.Of(output).Zip(Floats.Of(x)).ToArray();
        pairs.ShouldAllBe(p => p.First == 0 || p.First == p.Second);
        pairs.Count(p => p.First == 0).ShouldBeInRange(150, 250);
    }

    [Fact]
    public void Time_step_dropout_with_p_one_zeroes_everything()
    {
        using var scope = NewDisposeScope();
        var x = rand([2, 10, 3], generator: new Generator(9)) + 0.5f;

        var output = Dropout.TimeStep(1).Forward(x, Contexts.Activity(new Generator(10)));

        Floats.Of(output).ShouldAllBe(v => v == 0);
    }

    [Theory, MemberData(nameof(AllDropouts))]
    public void Dropout_keeps_the_shape_of_an_activity(string kind)
    {
        using var scope = NewDisposeScope();
        var x = rand([3, 7, 5], generator: new Generator(11));

        var output = Make(kind, 0.2).Forward(x, Contexts.Activity(new Generator(12)));

        output.shape.ShouldBe([3L, 7L, 5L]);
    }

    [Theory, MemberData(nameof(AllDropouts))]
    public void The_same_generator_seed_gives_the_same_mask(string kind)
    {
        using var scope = NewDisposeScope();
        var x = rand([2, 6, 4], generator: new Generator(13)) + 0.5f;
        var transform = Make(kind, 0.5);

        var first = transform.Forward(x, Contexts.Activity(new Generator(42)));
        var second = transform.Forward(x, Contexts.Activity(new Generator(42)));

        Floats.Of(first).ShouldBe(Floats.Of(second));
    }
}
