using QatHost.Sdk;
using QatHost.Sdk.Engine;
using QatHost.Transforms;
using QatHost.Sdk.Dsl;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Nir.Tests;

/// <summary>QatHost -> NIR -> QatHost gives back the same network, bit for bit.</summary>
public class RoundTripTests
{
    private static Tensor Rand(params long[] shape) => rand(shape) * 0.5 + 0.5;

    private static Module Network(LeakMode mode, bool rec, bool residual)
    {
        torch.manual_seed(11);
        ParamInit? Mem(long n) => mode switch { LeakMode.Taus => Rand(n) * 0.03 + 0.005, LeakMode.Decays => Rand(n) * 0.5 + 0.2, _ => Rand(n) * 3 + 1 };
        ParamInit? Syn(long n) => mode switch { LeakMode.Taus => Rand(n, 1) * 0.01 + 0.002, LeakMode.Decays => Rand(n, 1) * 0.5, _ => Rand(n, 1) * 2 };
        LIFTorch Lif(long n, bool r) => mode switch
        {
            LeakMode.Taus => LIFTorch(n, tauMem: Mem(n), tauSyn: Syn(n), bias: Rand(n) * 0.1, threshold: Rand(n) + 0.5, hasRec: r, leakMode: mode, dt: 2e-3),
            LeakMode.Decays => LIFTorch(n, alpha: Mem(n), beta: Syn(n), bias: Rand(n) * 0.1, threshold: Rand(n) + 0.5, hasRec: r, leakMode: mode, dt: 2e-3),
            _ => LIFTorch(n, dashMem: Mem(n), dashSyn: Syn(n), bias: Rand(n) * 0.1, threshold: Rand(n) + 0.5, hasRec: r, leakMode: mode, dt: 2e-3,
                maxSpikesPerDt: 31, noiseStd: 0.05, spikeGeneration: SpikeGeneration.PeriodicExponential),
        };
        var net = Sequential(LinearTorch(5, 8, hasBias: true), Lif(8, rec));
        if (residual) net.Append(Residual(LinearTorch(8, 8), Lif(8, false)));
        net.Append(LinearTorch(8, 3));
        net.Append(LIFTorch(3, tauMem: 0.02, threshold: 0.8, leakMode: LeakMode.Taus));
        return net;
    }

    public static TheoryData<LeakMode, bool, bool> Cases()
    {
        var data = new TheoryData<LeakMode, bool, bool>();
        foreach (var mode in Enum.GetValues<LeakMode>())
        {
            data.Add(mode, false, false);
            data.Add(mode, true, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_saved_network_loads_back_bit_for_bit(LeakMode mode, bool rec, bool residual)
    {
        using var net = Network(mode, rec, residual);
        using var file = new TempFile();
        Nir.Save(net, file.Path);
        var import = Nir.Import(file.Path);
        using var back = import.Network;

        import.Warnings.ShouldBeEmpty();
        back.ToString().ShouldBe(net.ToString());
        SameValues(back, net);
        var x = (rand(2, 60, 5) < 0.3).to_type(ScalarType.Float32) * 2;
        torch.manual_seed(5);
        var a = net.Evolve(x, record: true);
        torch.manual_seed(5);
        var b = back.Evolve(x, record: true);
        b.Output.eq(a.Output).all().item<bool>().ShouldBeTrue();
        foreach (var ((path, left), (_, right)) in b.Record.Leaves().Zip(a.Record.Leaves()))
            left.eq(right).all().item<bool>().ShouldBeTrue(path);
        a.Output.sum().item<float>().ShouldBeGreaterThan(0, "the network spikes, so the comparison means something");
    }

    internal static void SameValues(Module actual, Module expected)
    {
        var e = expected.Parameters().Leaves().ToList();
        var a = actual.Parameters().Leaves().ToList();
        a.Select(l => l.Path).ShouldBe(e.Select(l => l.Path));
        foreach (var ((path, left), (_, right)) in a.Zip(e))
        {
            left.shape.ShouldBe(right.shape, path);
            left.detach().eq(right.detach()).all().item<bool>().ShouldBeTrue(path);
        }
        var es = expected.SimulationParameters().Leaves().ToList();
        var @as = actual.SimulationParameters().Leaves().ToList();
        @as.Select(l => l.Path).ShouldBe(es.Select(l => l.Path));
        foreach (var ((path, left), (_, right)) in @as.Zip(es))
        {
            if (left is Tensor lt) lt.eq((Tensor)right).all().item<bool>().ShouldBeTrue(path);
            else left.ShouldBe(right, path);
        }
    }

    [Fact]
    public void A_bare_layer_comes_back_as_that_layer()
    {
        using var lif = LIFTorch(4, tauMem: 0.01, bias: 0.2);
        using var file = new TempFile();
        Nir.Save(lif, file.Path);
        using var back = Nir.Load(file.Path);

        back.ShouldBeOfType<LIFTorch>();
        SameValues(back, lif);
    }

    [Fact]
    public void A_scalar_linear_bias_keeps_its_shape()
    {
        using var net = Sequential(LinearTorch(3, 2, hasBias: true, bias: 0.5), LIFTorch(2));
        using var file = new TempFile();
        Nir.Save(net, file.Path);
        var affine = NirFile.Read(file.Path).Graph.Nodes.Single(n => n.Name == "0_LinearTorch");
        affine.Type.ShouldBe("Affine");
        affine.Fields["bias"].Numbers.ShouldBe([0.5, 0.5], "other readers see one bias per output");
        using var back = Nir.Load(file.Path);
        SameValues(back, net);
    }

    [Fact]
    public void Several_synapses_per_neuron_are_refused_naming_the_layer()
    {
        using var net = Sequential(LinearTorch(3, 8), LIFTorch(8, 4));
        using var file = new TempFile();
        var error = Should.Throw<QatHostException>(() => Nir.Save(net, file.Path));

        error.Message.ShouldContain("LIFTorch '1_LIFTorch'");
        error.Message.ShouldContain("2 synapses per neuron");
        File.Exists(file.Path).ShouldBeFalse("nothing is written");
    }

    [Fact]
    public void A_burned_in_integer_quantised_network_exports_integer_weights()
    {
        using var net = Sequential(LinearTorch(4, 6), LIFTorch(6), LinearTorch(6, 2), LIFTorch(2));
        net.Param("weights").Apply(Quantise.Integer(bits: 4));
        net.BurnIn();
        using var file = new TempFile();
        var warnings = Nir.Export(net, file.Path);

        warnings.ShouldContain(w => w.Contains("LinearTorch '0_LinearTorch'") && w.Contains("parameter transforms are not exported"));
        var doc = NirFile.Read(file.Path);
        foreach (var name in new[] { "0_LinearTorch", "2_LinearTorch" })
        {
            var weight = doc.Graph.Nodes.Single(n => n.Name == name).Fields["weight"].Numbers;
            weight.ShouldAllBe(w => w == Math.Round(w) && Math.Abs(w) <= 7, name);
            weight.ShouldContain(w => w != 0);
        }
        net.RemoveTransforms();
        using var back = Nir.Load(file.Path);
        SameValues(back, net);
    }

    [Fact]
    public void A_lif_bias_is_a_warning_for_other_readers_and_restored_by_load()
    {
        using var net = Sequential(LinearTorch(2, 3), LIFTorch(3, bias: 0.25));
        using var file = new TempFile();
        var warnings = Nir.Export(net, file.Path);

        warnings.ShouldHaveSingleItem().ShouldContain("LIFTorch '1_LIFTorch': its bias (max |b| = 0.25) has no NIR equivalent");
        NirFile.Read(file.Path).Graph.Nodes.Single(n => n.Name == "1_LIFTorch").Fields["v_leak"].Numbers.ShouldAllBe(v => v == 0);
        using var back = Nir.Load(file.Path);
        back.Parameters()["1_LIFTorch/bias"].item<float>().ShouldBe(0.25f);
    }
}
