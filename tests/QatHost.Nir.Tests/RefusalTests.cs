using PureHDF;
using QatHost.Sdk;
using static QatHost.Nir.Tests.HandMade;

namespace QatHost.Nir.Tests;

/// <summary>Graphs that cannot mean anything are refused, naming the node, its type and the defect.</summary>
public class RefusalTests
{
    private static string Refusal(H5Group graph, string version = "1.0.4")
    {
        using var file = new TempFile();
        Write(file.Path, graph, version);
        return Should.Throw<QatHostException>(() => Nir.Load(file.Path)).Message;
    }

    private static Dictionary<string, H5Group> Basic() => new()
    {
        ["input"] = Input(3), ["lin"] = Linear(Ones(4, 3)), ["lif"] = CubaLif(4), ["output"] = Output(4),
    };

    [Fact]
    public void A_node_nothing_feeds()
    {
        var nodes = Basic();
        nodes["stray"] = Linear(Ones(4, 4));
        var message = Refusal(Graph(nodes, [.. Chain("lin", "lif"), ("stray", "output")]));
        message.ShouldContain("node \"stray\" (Linear) is fed by nothing");
    }

    [Fact]
    public void A_node_that_feeds_nothing()
    {
        var nodes = Basic();
        nodes["stray"] = CubaLif(4);
        var message = Refusal(Graph(nodes, [.. Chain("lin", "lif"), ("lin", "stray")]));
        message.ShouldContain("node \"stray\" (CubaLIF) feeds nothing");
    }

    [Fact]
    public void A_dangling_edge()
    {
        var message = Refusal(Graph(Basic(), [.. Chain("lin", "lif"), ("lif", "ghost")]));
        message.ShouldContain("edge lif -> ghost is dangling: no node \"ghost\" exists");
    }

    [Fact]
    public void A_shape_mismatch_between_nodes()
    {
        var nodes = Basic();
        nodes["lif"] = CubaLif(5);
        nodes["output"] = Output(5);
        var message = Refusal(Graph(nodes, Chain("lin", "lif")));
        message.ShouldContain("shape mismatch on edge lin -> lif: node \"lin\" (Linear) gives 4 values, node \"lif\" (CubaLIF) takes 5");
    }

    [Fact]
    public void A_per_neuron_field_of_the_wrong_length()
    {
        var nodes = Basic();
        nodes["lif"]["tau_syn"] = Fill(3, 0.01f);
        var message = Refusal(Graph(nodes, Chain("lin", "lif")));
        message.ShouldContain("node \"lif\" (CubaLIF): field tau_syn is float32 [3]; expected 4 values");
    }

    [Fact]
    public void A_cycle_that_is_not_the_recurrent_subgraph()
    {
        var nodes = Basic();
        nodes["back"] = Linear(Ones(4, 4));
        var message = Refusal(Graph(nodes, [.. Chain("lin", "lif"), ("lif", "back"), ("back", "lin")]));
        message.ShouldContain("is on a cycle");
        message.ShouldContain("4-node subgraph");
    }

    [Fact]
    public void A_recurrent_subgraph_with_the_wrong_edges()
    {
        var sub = Graph(new() { ["input"] = Input(4), ["lif"] = CubaLif(4), ["w_rec"] = Linear(Eye(4)), ["output"] = Output(4) },
            ("input", "lif"), ("lif", "w_rec"), ("w_rec", "output"), ("lif", "output"));
        var nodes = Basic();
        nodes["lif"] = sub;
        var message = Refusal(Graph(nodes, Chain("lin", "lif")));
        message.ShouldContain("node \"lif\" (NIRGraph): a recurrent subgraph has exactly the edges");
    }

    [Fact]
    public void An_unsupported_node_type()
    {
        var nodes = Basic();
        nodes["conv"] = Node("Conv1d", ("weight", new float[] { 1 }));
        var message = Refusal(Graph(nodes, Chain("lin", "lif", "conv")));
        message.ShouldContain("node \"conv\" (Conv1d): node type Conv1d is not supported");
    }

    [Fact]
    public void Branches_that_are_not_a_skip_edge()
    {
        var nodes = Basic();
        nodes["a"] = Linear(Ones(4, 4));
        nodes["b"] = Linear(Ones(4, 4));
        nodes["c"] = CubaLif(4);
        var message = Refusal(Graph(nodes, ("input", "lin"), ("lin", "lif"), ("lif", "a"), ("lif", "b"), ("a", "c"), ("b", "c"), ("c", "output")));
        message.ShouldContain("node \"lif\" (CubaLIF) fans out to a and b, and neither leads to the other");
    }

    [Fact]
    public void Two_inputs()
    {
        var nodes = Basic();
        nodes["input2"] = Input(4);
        var message = Refusal(Graph(nodes, [.. Chain("lin", "lif"), ("input2", "lif")]));
        message.ShouldContain("the graph has 2 Input nodes (input, input2)");
    }

    [Fact]
    public void A_missing_field()
    {
        var nodes = Basic();
        nodes["lif"].Remove("tau_syn");
        var message = Refusal(Graph(nodes, Chain("lin", "lif")));
        message.ShouldContain("node \"lif\" (CubaLIF) lacks field tau_syn");
    }

    [Fact]
    public void Rockpools_broken_residual_export_is_refused_not_run_from_a_random_start()
    {
        // to_nir of a Residual loses the skip addition and the edge out of the block: nothing feeds the next node.
        var nodes = new Dictionary<string, H5Group>
        {
            ["input"] = Input(3), ["0_LinearTorch"] = Linear(Ones(4, 3)), ["1_LIFTorch"] = CubaLif(4),
            ["2_TorchResidual.0_LinearTorch"] = Linear(Eye(4)), ["2_TorchResidual.1_LIFTorch"] = CubaLif(4),
            ["3_LinearTorch"] = Linear(Ones(2, 4)), ["4_LIFTorch"] = CubaLif(2), ["output"] = Output(2),
        };
        var message = Refusal(Graph(nodes, ("input", "0_LinearTorch"), ("0_LinearTorch", "1_LIFTorch"), ("1_LIFTorch", "2_TorchResidual.0_LinearTorch"),
            ("2_TorchResidual.0_LinearTorch", "2_TorchResidual.1_LIFTorch"), ("2_TorchResidual.1_LIFTorch", "output"),
            ("3_LinearTorch", "4_LIFTorch")));
        message.ShouldContain("node \"3_LinearTorch\" (Linear) is fed by nothing");
    }

    [Fact]
    public void A_file_that_is_not_nir()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "not hdf5");
        Should.Throw<QatHostException>(() => Nir.Load(file.Path)).Message.ShouldContain("could not be read as HDF5");
        Should.Throw<QatHostException>(() => Nir.Load(file.Path + ".missing")).Message.ShouldContain("does not exist");
    }
}
