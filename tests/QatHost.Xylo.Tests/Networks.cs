using QatHost.Sdk.Engine;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;

namespace QatHost.Xylo.Tests;

/// <summary>Networks used by several test classes, each built with a fixed seed.</summary>
internal static class Networks
{
    public const double Scale = 127 / 1.33154929, ScaleOut = 127 / 1.19352996;

    /// <summary>The deploy notebook's network (Xylo spec 1) with float weights that quantise to the printed
    /// integers: each is <c>q / scale</c> plus an offset below half a step, and the largest input and output
    /// weights are exactly the notebook's 1.33154929 and 1.19352996.</summary>
    public static Sequential Notebook()
    {
        torch.manual_seed(1);
        int[] inQ = [-74, 113, 111, 21, 126, -111, -127, 31];
        int[] outQ = [-90, -127, -12, 68, -18, -99, -24, 45];
        return Sequential(
            LinearTorch(2, 4, weight: Floats(inQ, Scale)),
            LIFTorch(4),
            Residual(LinearTorch(4, 4), LIFTorch(4, hasRec: true, threshold: 10.0)),
            LinearTorch(4, 2, weight: Floats(outQ, ScaleOut)),
            LIFTorch(2));
    }

    /// <summary>A plain feed-forward net <c>in → hidden... → out</c>, seeded.</summary>
    public static Sequential FeedForward(int seed, params int[] widths)
    {
        torch.manual_seed(seed);
        var layers = new List<Module>();
        for (int i = 1; i < widths.Length; i++)
        {
            layers.Add(LinearTorch(widths[i - 1], widths[i]));
            layers.Add(LIFTorch(widths[i]));
        }
        return Sequential([.. layers]);
    }

    private static float[] Floats(int[] q, double scale) =>
        q.Select((v, i) => Math.Abs(v) == 127 ? (float)(v / scale) : (float)((v + (i % 2 == 0 ? 0.3 : -0.2)) / scale)).ToArray();
}
