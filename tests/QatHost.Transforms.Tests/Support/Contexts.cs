using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms.Tests.Support;

/// <summary>Transform contexts for tests: a weight of a LinearTorch, in training or evaluation.</summary>
public static class Contexts
{
    /// <summary>Training, at <paramref name="step"/>, drawing from <paramref name="generator"/> (global when null).</summary>
    public static TransformContext Training(long step = 0, Generator? generator = null, string path = "0_LinearTorch",
        string target = "weight") => new(path, target, "weights", true, generator, step);

    /// <summary>Evaluation (Training false).</summary>
    public static TransformContext Evaluation(long step = 0, Generator? generator = null) =>
        new("0_LinearTorch", "weight", "weights", false, generator, step);

    /// <summary>An activity: the output of a LIF layer, in training.</summary>
    public static TransformContext Activity(Generator? generator = null) =>
        new("1_LIFTorch", "output", null, true, generator, 0);
}
