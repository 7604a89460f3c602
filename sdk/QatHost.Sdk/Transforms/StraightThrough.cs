using static TorchSharp.torch;

namespace QatHost.Sdk.Transforms;

/// <summary>Straight-through estimators: forward <c>f(x)</c> exactly, backward the identity (Rockpool's
/// <c>make_backward_passthrough</c>).</summary>
public static class StraightThrough
{
    /// <summary>Returns a tensor whose value is <c>f(x)</c> and whose gradient with respect to
    /// <paramref name="x"/> is the incoming gradient unchanged. <paramref name="f"/> must keep the shape.</summary>
    public static Tensor Apply(Tensor x, Func<Tensor, Tensor> f)
    {
        Tensor y;
        using (no_grad()) y = f(x.detach());
        // x - x.detach() is exactly zero in value, so the forward result is exactly f(x).
        return y + (x - x.detach());
    }

    /// <summary><c>round</c> (half to even, as torch) with a straight-through gradient (<c>round_passthrough</c>).</summary>
    public static Tensor Round(Tensor x) => Apply(x, v => v.round());

    /// <summary><c>floor</c> with a straight-through gradient (<c>floor_passthrough</c>).</summary>
    public static Tensor Floor(Tensor x) => Apply(x, v => v.floor());
}
