using PureHDF;
using PureHDF.Filters;
using QatHost.Sdk;
using QatHost.Sdk.Engine;
using static QatHost.Nir.Tests.HandMade;

namespace QatHost.Nir.Tests;

/// <summary>Files from other NIR versions and writers (spec §1's drift table).</summary>
public class VersionTests
{
    [Fact]
    public void A_nir_1_0_7_file_with_v_reset_loads_with_a_warning()
    {
        var lif = CubaLif(4);
        lif["v_reset"] = Fill(4, 0f);
        using var file = new TempFile();
        Write(file.Path, Graph(new() { ["input"] = Input(3), ["lin"] = Linear(Ones(4, 3)), ["lif"] = lif, ["output"] = Output(4) }, Chain("lin", "lif")), "1.0.7");

        var import = Nir.Import(file.Path);
        using var net = import.Network;
        import.Version.ShouldBe("1.0.7");
        import.Warnings.ShouldContain(w => w.Contains("node \"lif\" (CubaLIF): v_reset is present") && w.Contains("subtracting the threshold"));
        net.AllModules().OfType<LIFTorch>().ShouldHaveSingleItem();
    }

    [Fact]
    public void An_snntorch_style_0_2_0_file_with_a_recurrent_subgraph_loads_like_rockpool_reads_braille()
    {
        // snnTorch's old exporter: version 0.2.0, taus in steps, r = decay, no w_in, float64 arrays, fixed-length
        // strings, a recurrent Affine with a bias, and a subgraph Input shape that disagrees with its neurons.
        const int n = 5;
        var lif = new H5Group
        {
            ["type"] = "CubaLIF", ["tau_mem"] = Enumerable.Repeat(10.0, n).ToArray(), ["tau_syn"] = Enumerable.Repeat(2.2222, n).ToArray(),
            ["r"] = Enumerable.Repeat(0.9, n).ToArray(), ["v_leak"] = new double[n], ["v_threshold"] = Enumerable.Repeat(1.0, n).ToArray(),
        };
        var rec = new float[n, n];
        rec[0, 1] = 0.5f;
        var sub = Graph(new() { ["input"] = Input(2), ["lif"] = lif, ["w_rec"] = Affine(rec, Fill(n, 0.3f)), ["output"] = Output(n) },
            ("input", "lif"), ("lif", "w_rec"), ("w_rec", "lif"), ("lif", "output"));
        using var file = new TempFile();
        Write(file.Path, Graph(new() { ["input"] = Input(3), ["fc1"] = Affine(Ones(n, 3, 0.4f), Fill(n, 0.1f)), ["hidden"] = sub, ["output"] = Output(n) },
            Chain("fc1", "hidden")), "0.2.0", fixedStrings: true);

        var import = Nir.Import(file.Path);
        using var net = import.Network;
        var layer = net.AllModules().OfType<LIFTorch>().Single();
        layer.HasRec.ShouldBeTrue();
        layer.Dt.ShouldBe(10.0 / 1.9, "dt* = min(tau_mem / (1 + r)) in the file's float64");
        layer.FindAttribute("w_rec").Tensor[1, 0].item<float>().ShouldBe(0.5f, "w_rec is the NIR weight transposed");
        import.Warnings.ShouldContain(w => w.Contains("the recurrent bias (max |b| = 0.3) is dropped"));
        import.Warnings.ShouldContain(w => w.Contains("node \"input\" (Input) has shape 2 but the subgraph has 5 neurons"));
        import.Warnings.ShouldContain(w => w.Contains("counts time in steps"));
        net.Evolve(TorchSharp.torch.ones(1, 20, 3) * 10).Output.sum().item<float>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Deflate_compressed_datasets_are_read()
    {
        using var file = new TempFile();
        var graph = Graph(new() { ["input"] = Input(3), ["lin"] = Linear(Ones(4, 3, 0.25f)), ["output"] = Output(4) }, Chain("lin"));
        new H5File { ["version"] = "1.0.8", ["node"] = graph }
            .Write(file.Path, new H5WriteOptions(Filters: [new H5Filter(DeflateFilter.Id)]));

        var import = Nir.Import(file.Path);
        using var net = import.Network;
        net.Parameters()["0_LinearTorch/weight"].sum().item<float>().ShouldBe(3f);
        import.Warnings.ShouldContain(w => w.Contains("file version 1.0.8"));
    }

    [Fact]
    public void An_empty_edge_list_stored_as_float64_is_read_and_the_graph_refused_for_what_it_is()
    {
        using var file = new TempFile();
        Write(file.Path, Graph(new() { ["input"] = Input(3), ["output"] = Output(3) }));
        Should.Throw<QatHostException>(() => Nir.Load(file.Path)).Message.ShouldContain("node \"input\" (Input) feeds nothing");
    }

    [Fact]
    public void Rockpools_input_shape_with_batch_axis_is_read_as_its_last_entry()
    {
        using var file = new TempFile();
        var nodes = new Dictionary<string, H5Group> { ["input"] = Input(3), ["lin"] = Linear(Ones(4, 3)), ["output"] = Output(4) };
        nodes["input"]["shape"] = new long[] { 1, 3 };
        nodes["output"]["shape"] = new long[] { 1, 1, 4 };
        Write(file.Path, Graph(nodes, Chain("lin")));
        using var net = Nir.Load(file.Path);
        net.Shape.ShouldBe([3L, 4L]);
    }

    [Fact]
    public void A_skip_edge_from_the_input_and_a_nested_chain_graph_are_imported()
    {
        var inner = Graph(new() { ["input"] = Input(3), ["a"] = Linear(HandMade.Eye(3, 2f)), ["output"] = Output(3) }, Chain("a"));
        using var file = new TempFile();
        Write(file.Path, Graph(new() { ["input"] = Input(3), ["block"] = inner, ["tail"] = Linear(HandMade.Eye(3)), ["output"] = Output(3) },
            ("input", "block"), ("block", "tail"), ("input", "tail"), ("tail", "output")));
        using var net = Nir.Load(file.Path);
        net.ToString().ShouldContain("TorchResidual '0_TorchResidual'");
        // tail(block(x) + x) with block = 2x: 3x.
        var y = net.Evolve(TorchSharp.torch.ones(1, 2, 3)).Output;
        y.sum().item<float>().ShouldBe(18f);
    }
}
