using QatHost.Sdk;
using QatHost.Sdk.Data;
using static TorchSharp.torch;

namespace QatHost.Tests.Data;

/// <summary>Image encoders against their documented maths, on small hand-made images; bad arguments by name.</summary>
public class EncodersTests
{
    // Two 4x4 images: a ramp (pixel (r, c) = (4r + c) / 15) and its negative.
    private static Tensor Images()
    {
        var ramp = arange(16, ScalarType.Float32).reshape(4, 4) / 15;
        return stack([ramp, 1 - ramp]);
    }

    [Fact]
    public void Rows_as_time_makes_each_row_a_step_and_averages_column_bins()
    {
        using var scope = NewDisposeScope();
        var images = Images();

        var x = Encoders.RowsAsTime(channels: 2).Encode(images);

        x.shape.ShouldBe([2, 4, 2]);
        // Row r of the ramp: columns (4r, 4r+1 | 4r+2, 4r+3) / 15 -> means (4r + 0.5) / 15 and (4r + 2.5) / 15.
        for (int r = 0; r < 4; r++)
        {
            x[0, r, 0].item<float>().ShouldBe((4 * r + 0.5f) / 15, 1e-6);
            x[0, r, 1].item<float>().ShouldBe((4 * r + 2.5f) / 15, 1e-6);
        }
    }

    [Fact]
    public void Rows_as_time_pools_28_columns_into_16_overlapping_bins_and_counts_events()
    {
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, 28);
        image[0, 0, 2] = tensor(1f);                      // column 2 is in bin 1 only: floor(1·28/16) = 1 to ceil(2·28/16) - 1 = 3

        var analog = Encoders.RowsAsTime().Encode(image);
        var counts = Encoders.RowsAsTime(maxCount: 15).Encode(image);

        analog.shape.ShouldBe([1, 1, 16]);
        analog[0, 0].data<float>().ToArray().ShouldBe([0f, 1f / 3, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f]);
        counts[0, 0, 1].item<float>().ShouldBe(5f);       // round(15 · 1/3)
    }

    [Fact]
    public void Rate_coding_spikes_with_probability_proportional_to_intensity_and_repeats_with_its_seed()
    {
        using var scope = NewDisposeScope();
        var images = full(new long[] { 3, 4, 4 }, 0.25f);
        images[1] = zeros(4, 4);
        images[2] = ones(4, 4);

        var encoder = Encoders.Rate(steps: 1000, maxProbability: 0.8, seed: 5);
        var s = encoder.Encode(images);

        s.shape.ShouldBe([3, 1000, 16]);
        s[0].mean().item<float>().ShouldBe(0.2f, 0.015);    // p = 0.8 · 0.25; 16,000 draws: 4.7 standard deviations
        s[1].sum().item<float>().ShouldBe(0f);
        s[2].mean().item<float>().ShouldBe(0.8f, 0.015);
        encoder.Encode(images).eq(s).all().item<bool>().ShouldBeTrue();
        Encoders.Rate(steps: 1000, maxProbability: 0.8, seed: 6).Encode(images).eq(s).all().item<bool>().ShouldBeFalse();
    }

    [Fact]
    public void Latency_coding_fires_once_early_for_bright_pixels_and_never_below_the_threshold()
    {
        using var scope = NewDisposeScope();
        var image = tensor(new float[] { 1f, 0.5f, 0.25f, 0.1f }).reshape(1, 2, 2);

        var s = Encoders.Latency(steps: 5, threshold: 0.2).Encode(image);

        s.shape.ShouldBe([1, 5, 4]);
        s.sum(1)[0].data<float>().ToArray().ShouldBe([1f, 1f, 1f, 0f]);
        s[0].argmax(0).data<long>().Take(3).ToArray().ShouldBe([0L, 2L, 3L]);   // round((1 - x) · 4): 0, 2, 3
    }

    [Fact]
    public void Direct_coding_repeats_the_pooled_intensity_at_every_step()
    {
        using var scope = NewDisposeScope();
        var x = Encoders.Direct(steps: 3, pool: 2).Encode(Images());

        x.shape.ShouldBe([2, 3, 4]);
        x[0, 2, 0].item<float>().ShouldBe((0 + 1 + 4 + 5) / 4f / 15, 1e-6);
        x[0, 0].eq(x[0, 2]).all().item<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("rows channels", "Encoders.RowsAsTime: channels = 17 must be between 1 and 16")]
    [InlineData("rows count", "Encoders.RowsAsTime: maxCount = 16 must be between 1 and 15")]
    [InlineData("rate steps", "Encoders.Rate: steps = 0 must be between 1 and 1000")]
    [InlineData("rate probability", "Encoders.Rate: maxProbability = 1.5 must be in (0, 1]")]
    [InlineData("latency steps", "Encoders.Latency: steps = 1 must be at least 2")]
    [InlineData("latency threshold", "Encoders.Latency: threshold = 0 must be in (0, 1]")]
    [InlineData("direct pool", "Encoders.Direct: pool = 0 must be between 1 and 28")]
    public void Arguments_out_of_range_are_named_errors(string which, string message)
    {
        Action make = which switch
        {
            "rows channels" => () => Encoders.RowsAsTime(channels: 17),
            "rows count" => () => Encoders.RowsAsTime(maxCount: 16),
            "rate steps" => () => Encoders.Rate(steps: 0),
            "rate probability" => () => Encoders.Rate(maxProbability: 1.5),
            "latency steps" => () => Encoders.Latency(steps: 1),
            "latency threshold" => () => Encoders.Latency(threshold: 0),
            _ => () => Encoders.Direct(pool: 0),
        };

        Should.Throw<QatHostException>(make).Message.ShouldStartWith(message);
    }

    [Fact]
    public void A_pool_that_does_not_divide_the_image_and_images_of_the_wrong_rank_are_errors()
    {
        using var scope = NewDisposeScope();

        Should.Throw<QatHostException>(() => Encoders.Rate(pool: 3).Encode(zeros(1, 28, 28)))
            .Message.ShouldBe("Encoders.Rate(steps: 10, pool: 3): pool = 3 does not divide the image size 28x28.");
        Should.Throw<QatHostException>(() => Encoders.RowsAsTime().Encode(zeros(28, 28)))
            .Message.ShouldStartWith("Encoders.RowsAsTime(): images must have shape (N, H, W)");
        Should.Throw<QatHostException>(() => Encoders.RowsAsTime().Encode(zeros(1, 28, 8)))
            .Message.ShouldStartWith("Encoders.RowsAsTime(): 16 channels from images 8 columns wide");
    }
}
