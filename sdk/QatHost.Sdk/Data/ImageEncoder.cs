using static TorchSharp.torch;

namespace QatHost.Sdk.Data;

/// <summary>
/// Turns images <c>(N, H, W)</c> with pixel values in [0, 1] into spiking-network inputs <c>(N, T, C)</c>.
/// Made by <see cref="Encoders"/>; printed as the call that made it, e.g. <c>Encoders.Rate(steps: 10, pool: 2)</c>.
/// </summary>
public sealed class ImageEncoder
{
    private readonly Func<Tensor, Tensor> encode;

    internal ImageEncoder(string description, Func<long, long, long> channels, Func<long, long> steps, Func<Tensor, Tensor> encode)
    {
        Description = description;
        ChannelsFor = channels;
        StepsFor = steps;
        this.encode = encode;
    }

    /// <summary>The call that made the encoder.</summary>
    public string Description { get; }

    /// <summary>Input channels <c>C</c> for images of height and width <c>(H, W)</c>.</summary>
    public Func<long, long, long> ChannelsFor { get; }

    /// <summary>Time steps <c>T</c> for images of height <c>H</c>.</summary>
    public Func<long, long> StepsFor { get; }

    /// <summary>Encodes <paramref name="images"/> <c>(N, H, W)</c>, values in [0, 1], into float32 <c>(N, T, C)</c>.
    /// Random encoders draw from their own generator, seeded anew on each call, so the result repeats exactly.</summary>
    /// <exception cref="QatHostException">The images are not 3-D, or the encoder does not fit their size.</exception>
    public Tensor Encode(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 3)
            throw new QatHostException($"{Description}: images must have shape (N, H, W); got {Trees.Shapes.Format(images.shape)}.");
        return encode(images.to_type(ScalarType.Float32));
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}
