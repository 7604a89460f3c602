using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;

namespace QatHost.Xylo.Tests;

/// <summary>Neuron allocation and matrix layout (Xylo spec 3.3, 5.3-5.6).</summary>
public class MapperTests
{
    [Fact]
    public void The_notebook_network_maps_to_the_notebook_layout()
    {
        using var net = Networks.Notebook();

        var spec = Xylo.Map(net, target: XyloTarget.XyloAudio2);

        (spec.Nin, spec.Nhid, spec.Nout, spec.Nsyn).ShouldBe((2, 8, 2, 1));
        spec.Aliases.ShouldBe([[4], [5], [6], [7], [], [], [], []]);
        spec.Threshold.ShouldBe([1, 1, 1, 1, 10, 10, 10, 10]);
        spec.DashMem.ShouldAllBe(d => Math.Abs(d - 4.32192802) < 1e-5);
        for (int c = 0; c < 2; c++) for (int j = 4; j < 8; j++) spec.WeightsIn[c, j, 0].ShouldBe(0);
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 8; j++) (spec.WeightsRec[i, j, 0] != 0).ShouldBe(j >= 4, $"W_rec[{i}, {j}]");
        for (int r = 0; r < 4; r++) spec.WeightsOut[r, 0].ShouldBe(0);
        spec.HiddenModules.ShouldBe(["1_LIFTorch", "1_LIFTorch", "1_LIFTorch", "1_LIFTorch",
            "2_TorchResidual/1_LIFTorch", "2_TorchResidual/1_LIFTorch", "2_TorchResidual/1_LIFTorch", "2_TorchResidual/1_LIFTorch"]);
    }

    [Fact]
    public void Hidden_ids_follow_Rockpools_depth_first_graph_order_not_layer_order()
    {
        torch.manual_seed(2);
        using var net = Sequential(LinearTorch(2, 2), LIFTorch(2, threshold: 1.0),
            Residual(LinearTorch(2, 3), LIFTorch(3, threshold: 2.0), LinearTorch(3, 2), LIFTorch(2, threshold: 3.0)),
            LinearTorch(2, 1), LIFTorch(1));

        var spec = Xylo.Map(net);

        spec.Threshold.ShouldBe([1, 1, 3, 3, 2, 2, 2]);
        spec.Aliases.ShouldBe([[2], [3], [], [], [], [], []]);
    }

    [Fact]
    public void Every_hidden_projection_is_a_recurrent_block_and_imu_reads_outputs_from_the_last_neurons()
    {
        Sequential Net() => torch.manual_seed(3) is var _ ? Sequential(LinearTorch(2, 2), LIFTorch(2), LinearTorch(2, 3), LIFTorch(3, hasRec: true),
            LinearTorch(3, 4), LIFTorch(4), LinearTorch(4, 1), LIFTorch(1)) : null!;
        using var a2Net = Net();
        using var imuNet = Net();

        var a2 = Xylo.Map(a2Net, XyloTarget.XyloAudio2);
        var imu = Xylo.Map(imuNet, XyloTarget.XyloIMU);

        bool Block(int i, int j) => (i < 2 && j is >= 2 and < 5) || (i is >= 2 and < 5 && j is >= 2 and < 9);
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 9; j++) (a2.WeightsRec[i, j, 0] != 0).ShouldBe(Block(i, j), $"W_rec[{i}, {j}]");
        (a2.WeightsOut.GetLength(0), imu.WeightsOut.GetLength(0)).ShouldBe((9, 4));
        (a2.Nien, imu.Nien).ShouldBe((9, 2));
        imu.WeightsOut[0, 0].ShouldBe(a2.WeightsOut[5, 0]);
    }

    [Fact]
    public void A_two_layer_network_maps_to_xylo_imu_where_rockpool_crashes()
    {
        using var net = Networks.FeedForward(4, 3, 5, 2);

        var spec = Xylo.Map(net, XyloTarget.XyloIMU);

        (spec.Nien, spec.Noen, spec.Nhid).ShouldBe((5, 5, 5));
    }

    [Fact]
    public void Two_synapse_layers_fill_dash_syn_and_dash_syn_2()
    {
        torch.manual_seed(5);
        using var net = Sequential(LinearTorch(2, 6), LIFTorch(6, 3, tauSyn: new double[] { 2e-3, 8e-3 }), LinearTorch(3, 1), LIFTorch(1));

        var spec = Xylo.Map(net);

        spec.Nsyn.ShouldBe(2);
        spec.DashSyn.ShouldAllBe(d => Math.Abs(d - 1) < 1e-5);
        spec.DashSyn2.ShouldAllBe(d => Math.Abs(d - 3) < 1e-5);
    }

    [Fact]
    public void Parameter_transforms_are_read_through_the_wrapper()
    {
        using var net = Networks.FeedForward(6, 2, 3, 1);
        net.Module("0").Param("weights").Apply(new Fixed(0.5));

        var spec = Xylo.Map(net);

        spec.WeightsIn.Cast<double>().Take(3).ShouldAllBe(w => w == 0.5);
    }

    private sealed class Fixed(double fill) : QatHost.Sdk.Transforms.Transform($"Fixed({fill})")
    {
        public override torch.Tensor Forward(torch.Tensor value, QatHost.Sdk.Transforms.TransformContext context) =>
            torch.full_like(value, fill);
    }
}
