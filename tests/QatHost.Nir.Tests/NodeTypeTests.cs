using PureHDF;
using QatHost.Sdk.Engine;
using static QatHost.Nir.Tests.HandMade;
using static TorchSharp.torch;

namespace QatHost.Nir.Tests;

/// <summary>Hand-made files with one node of each type between the ports; the expected outputs come from the NIR
/// equations as docs/nir.md discretises them (exact exponential leak, input as the charge of one step for leaky
/// nodes, forward Euler R·x·dt for IF and I), computed here in double precision.</summary>
public class NodeTypeTests
{
    private const int Steps = 40;
    private static readonly float[] Tau = [0.004f, 0.01f, 0.05f];

    /// <summary>Deterministic input (1, Steps, 3): a few pulses per channel.</summary>
    private static double[,] Pulses()
    {
        var x = new double[Steps, 3];
        for (int t = 0; t < Steps; t++)
            for (int c = 0; c < 3; c++) x[t, c] = (t * (c + 2)) % 7 == 0 ? 0.6 + 0.2 * c : 0.05 * c;
        return x;
    }

    private static Tensor AsTensor(double[,] x) =>
        tensor(x.Cast<double>().Select(v => (float)v).ToArray(), [1, x.GetLength(0), x.GetLength(1)]);

    private static NirImport Load(H5Group node, int n = 3, double? dt = null, string version = "1.0.4")
    {
        using var file = new TempFile();
        Write(file.Path, Graph(new() { ["input"] = Input(n), ["node"] = node, ["output"] = Output(n) }, Chain("node")), version);
        return Nir.Import(file.Path, dt);
    }

    private static double[,] Run(Module net, double[,] x) =>
        ToArray(net.Evolve(AsTensor(x)).Output);

    private static double[,] ToArray(Tensor t)
    {
        var data = t.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var result = new double[t.shape[1], t.shape[2]];
        Buffer.BlockCopy(data, 0, result, 0, data.Length * sizeof(double));
        return result;
    }

    private static void Close(double[,] actual, double[,] expected, double tolerance = 1e-5)
    {
        for (int t = 0; t < expected.GetLength(0); t++)
            for (int c = 0; c < expected.GetLength(1); c++)
                Math.Abs(actual[t, c] - expected[t, c]).ShouldBeLessThanOrEqualTo(tolerance * Math.Max(1, Math.Abs(expected[t, c])), $"step {t} channel {c}");
    }

    [Fact]
    public void LIF_leaks_integrates_and_fires_with_subtractive_reset()
    {
        float[] threshold = [0.9f, 0.7f, 1.1f];
        float[] vLeak = [0.01f, 0f, 0.02f];
        // r = tau/dt - 1 makes Rockpool's dt rule give back dt = 1 ms (within float32 rounding).
        var import = Load(Node("LIF", ("tau", Tau), ("r", Tau.Select(t => t / 1e-3f - 1).ToArray()), ("v_leak", vLeak), ("v_threshold", threshold)));
        using var net = import.Network;
        var lif = net.AllModules().OfType<LIFNeuronTorch>().Single();
        lif.Dt.ShouldBe(1e-3, 1e-9);

        var x = Pulses();
        var expected = new double[Steps, 3];
        var v = new double[3];
        for (int t = 0; t < Steps; t++)
            for (int c = 0; c < 3; c++)
            {
                v[c] = Math.Exp(-lif.Dt / Tau[c]) * v[c] + x[t, c] + vLeak[c];
                double s = v[c] >= threshold[c] ? Math.Floor(v[c] / threshold[c]) : 0;
                v[c] -= s * threshold[c];
                expected[t, c] = s;
            }
        var actual = Run(net, x);
        actual.Cast<double>().ShouldBe(expected.Cast<double>());
        expected.Cast<double>().Sum().ShouldBeGreaterThan(3);
    }

    [Fact]
    public void IF_integrates_r_x_dt_without_leak()
    {
        float[] r = [2f, 4f, 8f];
        var import = Load(Node("IF", ("r", r), ("v_threshold", new[] { 1f, 1f, 1f })), dt: 0.25);
        using var net = import.Network;

        var x = Pulses();
        var expected = new double[Steps, 3];
        var v = new double[3];
        for (int t = 0; t < Steps; t++)
            for (int c = 0; c < 3; c++)
            {
                v[c] += r[c] * 0.25 * x[t, c];
                double s = v[c] >= 1 ? Math.Floor(v[c]) : 0;
                v[c] -= s;
                expected[t, c] = s;
            }
        Run(net, x).Cast<double>().ShouldBe(expected.Cast<double>());
        expected.Cast<double>().Sum().ShouldBeGreaterThan(3);
    }

    [Fact]
    public void LI_is_a_leaky_readout_of_the_membrane()
    {
        float[] vLeak = [0f, 0.01f, 0f];
        var import = Load(Node("LI", ("tau", Tau), ("r", Tau.Select(t => t / 1e-3f - 1).ToArray()), ("v_leak", vLeak)), dt: 1e-3);
        using var net = import.Network;
        net.AllModules().OfType<LeakyIntegratorTorch>().ShouldHaveSingleItem();

        var x = Pulses();
        var expected = new double[Steps, 3];
        var v = new double[3];
        for (int t = 0; t < Steps; t++)
            for (int c = 0; c < 3; c++) expected[t, c] = v[c] = Math.Exp(-1e-3 / Tau[c]) * v[c] + x[t, c] + vLeak[c];
        Close(Run(net, x), expected);
    }

    [Fact]
    public void I_integrates_without_leak_and_warns_when_no_dt_is_known()
    {
        float[] r = [1f, 0.5f, 3f];
        var import = Load(Node("I", ("r", r)));
        using var net = import.Network;
        import.Warnings.ShouldContain(w => w.Contains("node \"node\" (I)") && w.Contains("one time unit per step (dt = 1)"));

        var x = Pulses();
        var expected = new double[Steps, 3];
        var v = new double[3];
        for (int t = 0; t < Steps; t++)
            for (int c = 0; c < 3; c++) expected[t, c] = v[c] += r[c] * 1.0 * x[t, c];
        Close(Run(net, x), expected);
    }

    [Fact]
    public void Scale_multiplies_each_channel()
    {
        float[] s = [2f, -0.5f, 0f];
        using var net = Load(Node("Scale", ("scale", s))).Network;
        var x = Pulses();
        var actual = Run(net, x);
        for (int t = 0; t < Steps; t++)
            for (int c = 0; c < 3; c++) actual[t, c].ShouldBe((double)((float)x[t, c] * s[c]));
    }

    [Fact]
    public void Delay_shifts_each_channel_by_its_delay_in_steps()
    {
        float[] d = [0f, 0.002f, 0.005f];
        using var net = Load(Node("Delay", ("delay", d)), dt: 1e-3).Network;
        net.AllModules().OfType<DelayTorch>().Single().Steps.ShouldBe([0L, 2L, 5L]);
        var x = Pulses();
        var first = Run(net, x);
        for (int t = 0; t < Steps; t++)
            for (int c = 0; c < 3; c++)
            {
                int k = new[] { 0, 2, 5 }[c];
                first[t, c].ShouldBe(t >= k ? (double)(float)x[t - k, c] : 0.0, $"step {t} channel {c}");
            }
        // The delay line carries over into the next call, as other layers' states do.
        var second = Run(net, x);
        second[0, 2].ShouldBe((double)(float)x[Steps - 5, 2]);
    }

    [Fact]
    public void Every_new_module_round_trips_through_nir_bit_for_bit()
    {
        using var net = Sequential(
            new ScaleTorch(3, tensor(new[] { 1.5f, 2f, 0.5f })),
            new DelayTorch([1, 0, 3], dt: 2e-3),
            new LIFNeuronTorch(3, tensor(Tau), bias: 0.05, threshold: tensor(new[] { 0.5f, 0.6f, 0.7f }), dt: 2e-3, maxSpikesPerDt: 3),
            new LIFNeuronTorch(3, double.PositiveInfinity, threshold: 0.8, gain: tensor(new[] { 0.5f, 1f, 2f }), dt: 2e-3),
            new LeakyIntegratorTorch(3, tensor(Tau), bias: 0.01, dt: 2e-3),
            new LeakyIntegratorTorch(3, double.PositiveInfinity, gain: 0.3, dt: 2e-3));
        using var file = new TempFile();
        var warnings = Nir.Export(net, file.Path);
        warnings.ShouldContain(w => w.StartsWith("LIFNeuronTorch '2_LIFNeuronTorch': its bias"));

        var types = NirFile.Read(file.Path).Graph.Nodes.ToDictionary(n => n.Name, n => n.Type);
        types["0_ScaleTorch"].ShouldBe("Scale");
        types["1_DelayTorch"].ShouldBe("Delay");
        types["2_LIFNeuronTorch"].ShouldBe("LIF");
        types["3_LIFNeuronTorch"].ShouldBe("IF");
        types["4_LeakyIntegratorTorch"].ShouldBe("LI");
        types["5_LeakyIntegratorTorch"].ShouldBe("I");

        var import = Nir.Import(file.Path);
        using var back = import.Network;
        import.Warnings.ShouldBeEmpty();
        back.ToString().ShouldBe(net.ToString());
        RoundTripTests.SameValues(back, net);
        var x = AsTensor(Pulses()) * 3;
        back.Evolve(x).Output.eq(net.Evolve(x).Output).all().item<bool>().ShouldBeTrue();
    }

    private static Sequential Sequential(params Module[] modules) => new(modules);
}
