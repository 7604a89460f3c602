using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace QatHost.Nir.Tests;

/// <summary>Nir.Load of the files Rockpool made reproduces Rockpool's from_nir number for number.</summary>
public class OracleImportTests
{
    [Theory]
    [MemberData(nameof(NirCases.All), MemberType = typeof(NirCases))]
    public void Importing_the_reference_file_matches_rockpools_imported_network(string name)
    {
        var import = Nir.Import(NirCases.File(name, "graph.nir"));
        using var net = import.Network;
        net.ShouldBeOfType<Sequential>();
        var (output, state, record) = net.Evolve(NirCases.Input(name), record: true);

        NirCases.AssertRun(name, "imported", output, record, state);
    }

    [Theory]
    [MemberData(nameof(NirCases.All), MemberType = typeof(NirCases))]
    public void Each_imported_layer_has_rockpools_dt_and_module_tree(string name)
    {
        var c = NirCases.Case(name);
        using var net = Nir.Import(NirCases.File(name, "graph.nir")).Network;
        var lifs = net.AllModules().OfType<LIFTorch>().ToList();
        var expected = c["import"]!["module_tree"]!.AsArray().Where(m => (string)m!["class"]! == "LIFTorch").ToList();

        lifs.Count.ShouldBe(expected.Count);
        for (int i = 0; i < lifs.Count; i++)
        {
            lifs[i].Dt.ShouldBe((double)expected[i]!["dt"]!, $"{lifs[i].Path}: dt (bit for bit)");
            lifs[i].HasRec.ShouldBe((bool)expected[i]!["has_rec"]!);
            lifs[i].LeakMode.ShouldBe(LeakMode.Taus);
            lifs[i].SpikeGeneration.ShouldBe(SpikeGeneration.StepPWL);
            lifs[i].FindAttribute("tau_syn").Tensor.shape.ShouldBe([lifs[i].NeuronCount, 1L]);
        }
        net.ToString().ShouldBe((string)c["runs"]!["imported"]!["network_repr"]!);
    }

    [Fact]
    public void The_imported_parameters_equal_rockpools_imported_params_file()
    {
        foreach (var name in new[] { "taus_linear", "handbuilt_rec_subgraph", "handbuilt_residual_skip" })
        {
            using var net = Nir.Import(NirCases.File(name, "graph.nir")).Network;
            using var reference = (Module)net.Copy();
            reference.Load(NirCases.File(name, "imported_params.json"));
            foreach (var ((path, a), (_, b)) in net.Parameters().Leaves().Zip(reference.Parameters().Leaves()))
                { a.shape.ShouldBe(b.shape, $"{name} {path}"); a.detach().eq(b.detach()).all().item<bool>().ShouldBeTrue($"{name} {path}"); }
        }
    }

    [Fact]
    public void Rockpools_own_file_warns_that_r_only_sets_dt()
    {
        var import = Nir.Import(NirCases.File("taus_linear", "graph.nir"));
        import.Network.Dispose();

        import.Version.ShouldBe("1.0.4");
        import.Warnings.ShouldContain(w => w.Contains("1_LIFTorch") && w.Contains("dt = min(tau_mem / (1 + r))"));
    }

    [Fact]
    public void A_given_dt_overrides_the_derived_one()
    {
        using var net = Nir.Import(NirCases.File("taus_linear", "graph.nir"), dt: 1e-3).Network;
        net.AllModules().OfType<LIFTorch>().ShouldAllBe(l => l.Dt == 1e-3);
        var (output, state, record) = net.Evolve(NirCases.Input("taus_linear"), record: true);
        // dt 1 ms and the exact parameters: the original network, before Rockpool's lossy round trip.
        NirCases.AssertRun("taus_linear", "original", output, record, state);
    }
}
