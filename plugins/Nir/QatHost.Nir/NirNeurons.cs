using QatHost.Sdk.Engine;
using static TorchSharp.torch;

namespace QatHost.Nir;

/// <summary>
/// The node types beyond Rockpool's mapping, each onto one QatHost module (docs/nir.md):
/// <c>LIF</c> and <c>IF</c> onto <see cref="LIFNeuronTorch"/>, <c>LI</c> and <c>I</c> onto
/// <see cref="LeakyIntegratorTorch"/>, <c>Scale</c> onto <see cref="ScaleTorch"/>, <c>Delay</c> onto
/// <see cref="DelayTorch"/>. Leaky nodes follow Rockpool's LIF rule (dt = min(tau / (1 + r)), input as the
/// charge of one step, v_leak as a per-step bias); the nodes without a time constant (IF, I, Delay) have no dt in
/// the file, so they use the dt given to Nir.Load, else one time unit per step (with a warning), and integrate
/// R·x·dt per step.
/// </summary>
internal static class NirNeurons
{
    private const string Param = "qathost_param_";
    private const string DtKey = "qathost_dt";

    public static Module Convert(NirImporter importer, NirNode node, string where)
    {
        string at = $"{where}: {node.Label}";
        long n = importer.NeuronCount(node, where);
        switch (node.Type)
        {
            case "Scale":
                importer.UnusedFields(node, where, ["scale"]);
                return new ScaleTorch(n, tensor(importer.Vector(node, "scale", n, where)));
            case "Delay":
            {
                double dt = StepDt(importer, node, at);
                var delay = importer.Require(node, "delay", where).Numbers;
                var steps = delay.Select(d => (long)Math.Round(d / dt)).ToArray();
                if (delay.Zip(steps).Any(p => Math.Abs(p.First / dt - p.Second) > 1e-6 * Math.Max(1, p.Second)))
                    importer.Warning($"{at}: delays are rounded to whole steps of dt = {dt:G6}.");
                if (steps.Any(s => s < 0)) throw importer.Refuse($"{at}: field delay has a negative delay.");
                importer.UnusedFields(node, where, ["delay"]);
                return new DelayTorch(steps, dt);
            }
            case "LIF":
            case "LI":
            {
                var tau = importer.Vector(node, "tau", n, where);
                var r = importer.Require(node, "r", where);
                double dt = Meta(node, DtKey) ?? importer.Dt ?? importer.DerivedDt(node, tau, r, n, where, "tau");
                if (importer.Dt is null && Meta(node, DtKey) is null)
                    importer.Warning($"{at}: dt = min(tau / (1 + r)) = {dt:G6} (Rockpool's rule); r is used for nothing else. Pass dt: to set the time step.");
                var bias = Native(node, "bias") ?? tensor(importer.Vector(node, "v_leak", n, where));
                var gain = Native(node, "gain");
                var tauValue = Native(node, node.Type == "LIF" ? "tau_mem" : "tau") ?? tensor(tau);
                if (node.Type == "LI")
                {
                    importer.UnusedFields(node, where, ["tau", "r", "v_leak"]);
                    return new LeakyIntegratorTorch(n, tauValue, bias, gain is null ? (ParamInit?)null : gain, dt);
                }
                Reset(importer, node, at);
                importer.UnusedFields(node, where, ["tau", "r", "v_leak", "v_threshold", "v_reset"]);
                return new LIFNeuronTorch(n, tauValue, bias, Native(node, "threshold") ?? tensor(importer.Vector(node, "v_threshold", n, where)),
                    gain is null ? (ParamInit?)null : gain, dt,
                    Meta(node, "qathost_max_spikes_per_dt") ?? 65536.0, Meta(node, "qathost_learning_window") ?? 0.5);
            }
            case "IF":
            case "I":
            {
                double dt = StepDt(importer, node, at);
                var r = importer.Vector(node, "r", n, where);
                var gain = Native(node, "gain") ?? tensor(r.Select(x => (float)(x * dt)).ToArray());
                var infinite = Native(node, node.Type == "IF" ? "tau_mem" : "tau") ?? full(n, float.PositiveInfinity);
                var bias = Native(node, "bias");
                if (node.Type == "I")
                {
                    importer.UnusedFields(node, where, ["r"]);
                    return new LeakyIntegratorTorch(n, infinite, bias is null ? (ParamInit?)null : bias, gain, dt);
                }
                Reset(importer, node, at);
                importer.UnusedFields(node, where, ["r", "v_threshold", "v_reset"]);
                return new LIFNeuronTorch(n, infinite, bias is null ? (ParamInit?)null : bias,
                    Native(node, "threshold") ?? tensor(importer.Vector(node, "v_threshold", n, where)), gain, dt,
                    Meta(node, "qathost_max_spikes_per_dt") ?? 65536.0, Meta(node, "qathost_learning_window") ?? 0.5);
            }
            default:
                throw importer.Refuse($"{at}: node type {node.Type} is not supported.");
        }
    }

    private static void Reset(NirImporter importer, NirNode node, string at)
    {
        if (node.Fields.ContainsKey("v_reset"))
            importer.Warning($"{at}: v_reset is present (nir 1.0.6+: reset to v_reset); QatHost, like Rockpool, resets by subtracting the threshold.");
    }

    /// <summary>dt for nodes without a time constant: given, saved by QatHost, else one time unit per step.</summary>
    private static double StepDt(NirImporter importer, NirNode node, string at)
    {
        if (importer.Dt is { } given) return given;
        if (Meta(node, DtKey) is { } saved) return saved;
        importer.Warning($"{at}: the file states no time step for this node; one time unit per step (dt = 1) is assumed. Pass dt: to set it.");
        return 1.0;
    }

    private static double? Meta(NirNode node, string key) =>
        node.Metadata.TryGetValue(key, out var v) && !v.IsString && v.Numbers.Length == 1 ? v.Numbers[0] : null;

    private static Tensor? Native(NirNode node, string name) =>
        node.Metadata.TryGetValue(Param + name, out var v) && !v.IsString ? tensor(v.Floats, v.Shape) : null;

    public static NirNode? Export(NirExporter exporter, Module module, string name)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        NirNode node;
        switch (module)
        {
            case ScaleTorch scale:
                return new NirNode(name, "Scale").Add("scale", NirExporter.Values(Value(scale, "scale").broadcast_to(scale.SizeIn)));
            case DelayTorch delay:
                node = new NirNode(name, "Delay").Add("delay", NirExporter.Values(tensor(delay.Steps.Select(s => (float)(s * delay.Dt)).ToArray())));
                node.Metadata[DtKey] = NirValue.Float64Scalar(delay.Dt);
                return node;
            case LIFNeuronTorch lif:
            {
                long n = lif.SizeIn;
                var tau = Value(lif, "tau_mem").broadcast_to(n).contiguous();
                var threshold = Value(lif, "threshold").broadcast_to(n).contiguous();
                if (isinf(tau).all().item<bool>())
                    node = new NirNode(name, "IF").Add("r", NirExporter.Values(Value(lif, "gain").broadcast_to(n) / lif.Dt));
                else
                {
                    if (isinf(tau).any().item<bool>())
                        throw exporter.Refuse(lif, "some neurons leak and some do not (tau_mem = ∞); NIR's LIF and IF each need all neurons alike. Split the layer.");
                    node = new NirNode(name, "LIF").Add("tau", NirExporter.Values(tau))
                        .Add("r", NirExporter.Values(tau * exp(tau.reciprocal() * -lif.Dt) / lif.Dt))
                        .Add("v_leak", NirExporter.Values(zeros(n)));
                    Note(exporter, lif, name, "gain", 1f, "its input gain is not 1: NIR's LIF has no gain separate from r, which readers use for dt");
                }
                node.Add("v_threshold", NirExporter.Values(threshold));
                Note(exporter, lif, name, "bias", 0f, "its bias has no NIR equivalent (v_leak is a resting potential): written as v_leak = 0");
                node.Metadata["qathost_max_spikes_per_dt"] = NirValue.Float64Scalar(Value(lif, "max_spikes_per_dt").item<float>());
                node.Metadata["qathost_learning_window"] = NirValue.Float64Scalar(Value(lif, "learning_window").item<float>());
                SaveNative(lif, node, lif.Dt, "tau_mem", "bias", "threshold", "gain");
                return node;
            }
            case LeakyIntegratorTorch li:
            {
                long n = li.SizeIn;
                var tau = Value(li, "tau").broadcast_to(n).contiguous();
                if (isinf(tau).all().item<bool>())
                    node = new NirNode(name, "I").Add("r", NirExporter.Values(Value(li, "gain").broadcast_to(n) / li.Dt));
                else
                {
                    if (isinf(tau).any().item<bool>())
                        throw exporter.Refuse(li, "some units leak and some do not (tau = ∞); NIR's LI and I each need all units alike. Split the layer.");
                    node = new NirNode(name, "LI").Add("tau", NirExporter.Values(tau))
                        .Add("r", NirExporter.Values(tau * exp(tau.reciprocal() * -li.Dt) / li.Dt))
                        .Add("v_leak", NirExporter.Values(zeros(n)));
                    Note(exporter, li, name, "gain", 1f, "its input gain is not 1: NIR's LI has no gain separate from r, which readers use for dt");
                }
                Note(exporter, li, name, "bias", 0f, "its bias has no NIR equivalent (v_leak is a resting potential): written as v_leak = 0");
                SaveNative(li, node, li.Dt, "tau", "bias", "gain");
                return node;
            }
            default:
                return null;
        }
    }

    private static Tensor Value(Module module, string name) => module.FindAttribute(name).Tensor.detach();

    private static void Note(NirExporter exporter, Module module, string name, string attribute, float neutral, string what)
    {
        if ((Value(module, attribute) != neutral).any().item<bool>())
            exporter.Warn($"{NirExporter.Describe(module, name)}: {what} for other readers; Nir.Load restores it from the qathost_ metadata.");
    }

    private static void SaveNative(Module module, NirNode node, double dt, params string[] names)
    {
        node.Metadata[DtKey] = NirValue.Float64Scalar(dt);
        foreach (var name in names) node.Metadata[Param + name] = NirExporter.Values(Value(module, name));
    }
}
