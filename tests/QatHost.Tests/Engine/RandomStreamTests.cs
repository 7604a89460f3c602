using QatHost.Sdk.Engine;
using QatHost.Tests.Training;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>LIFTorch.AlignRandomStream: whether a layer without noise still draws Rockpool's randn(B, T, N), which
/// keeps torch's global generator where Rockpool's is. Serial: the tests read the global generator.</summary>
[Collection(nameof(SerialCollection))]
public class RandomStreamTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Evolving_without_noise_draws_rockpools_noise_only_when_aligned(bool? align, bool draws)
    {
        using var scope = NewDisposeScope();
        using var layer = new LIFTorch(3) { AlignRandomStream = align };
        var input = ones(2, 5, 3);

        manual_seed(4);
        layer.Evolve(input);
        var after = rand(4);
        manual_seed(4);
        randn(2, 5, 3);
        var afterRockpoolsDraw = rand(4);
        manual_seed(4);
        var untouched = rand(4);

        var expected = draws ? afterRockpoolsDraw : untouched;
        after.data<float>().ToArray().ShouldBe(expected.data<float>().ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_spikes_do_not_depend_on_the_alignment(bool align)
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var input = rand(3, 20, 4) * 3;
        using var aligned = new LIFTorch(4, hasRec: true, wRec: ones(4, 4) * 0.1);
        using var other = (LIFTorch)aligned.Copy();
        other.AlignRandomStream = align;

        var expected = aligned.Evolve(input).Output;
        var output = other.Evolve(input).Output;

        output.data<float>().ToArray().ShouldBe(expected.data<float>().ToArray());
    }
}
