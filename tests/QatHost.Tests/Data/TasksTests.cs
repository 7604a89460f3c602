using QatHost.Sdk;
using QatHost.Sdk.Data;
using QatHost.Tests.Training;
using static TorchSharp.torch;

namespace QatHost.Tests.Data;

/// <summary>The synthetic tasks are deterministic from their seed and behave as documented.</summary>
public class TasksTests
{
    [Fact]
    public void Frozen_noise_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        using var a = Tasks.FrozenNoise(classes: 3, channels: 4, steps: 20, samples: 30, seed: 5);
        using var b = Tasks.FrozenNoise(classes: 3, channels: 4, steps: 20, samples: 30, seed: 5);
        using var c = Tasks.FrozenNoise(classes: 3, channels: 4, steps: 20, samples: 30, seed: 6);

        a.Inputs.IsIdenticalTo(b.Inputs).ShouldBeTrue();
        a.Targets.IsIdenticalTo(b.Targets).ShouldBeTrue();
        a.Inputs.IsIdenticalTo(c.Inputs).ShouldBeFalse();
        a.Targets.bincount(null).data<long>().ToArray().ShouldBe([10L, 10L, 10L]);
    }

    [Fact]
    public void Without_difficulty_every_sample_is_its_class_template_and_with_it_samples_vary()
    {
        using var easy = Tasks.FrozenNoise(classes: 2, channels: 8, steps: 50, samples: 10, rate: 100, difficulty: 0, seed: 1);
        using var hard = Tasks.FrozenNoise(classes: 2, channels: 8, steps: 50, samples: 10, rate: 100, difficulty: 1, seed: 1);

        foreach (var data in new[] { easy, hard })
        {
            var ofClass0 = data.Inputs.index_select(0, nonzero(data.Targets == 0).squeeze(1));
            bool allSame = (ofClass0 == ofClass0[0]).all().item<bool>();
            allSame.ShouldBe(data == easy);
        }
    }

    [Fact]
    public void A_difficulty_outside_zero_to_one_is_refused()
    {
        var error = Should.Throw<QatHostException>(() => Tasks.FrozenNoise(difficulty: 1.5));

        error.Message.ShouldBe("Tasks.FrozenNoise: difficulty = 1.5 must be between 0 and 1.");
    }
}
