using System.Text.Json.Nodes;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Tests.Oracle;

/// <summary>
/// Replays a golden's evolutions on a QatHost module and checks outputs, records, states, parameters and
/// gradients against Rockpool's within the oracle README's tolerances (spikes exact).
/// </summary>
/// <remarks>
/// One widening, measured: the goldens' torch computes exp with SLEEF's 1-ulp vector exp, LibTorch 2.10 with
/// a correctly rounded one, so a derived decay (alpha = exp(-dt/tau)) can differ by one ulp. A leaky
/// integrator amplifies that by about 1/(1 - alpha) over the run; state traces therefore get an absolute
/// tolerance of 5e-5·max|x| instead of 1e-5·max|x| (docs/differences-from-rockpool.md, "Numerics").
/// </remarks>
public static class OracleRun
{
    private const double TraceRtol = 1e-5, TraceAtol = 5e-5;

    /// <summary>Checks the repr, the parameters and every call of the golden.</summary>
    public static void Check(string @case, Module module, JsonNode golden)
    {
        bool network = golden["kind"]!.GetValue<string>() == "network";
        bool recurrent = (golden["module"] ?? golden["network"])!.ToJsonString().Contains("\"has_rec\":true");
        double gradRtol = recurrent ? 1e-3 : 1e-4;

        if (golden["network_repr"] is { } repr) module.ToString().ShouldBe(repr.GetValue<string>(), $"{@case}: repr");
        CheckParameters(@case, module, golden);

        var calls = golden["calls"]!.AsArray();
        for (int c = 0; c < calls.Count; c++)
        {
            var call = calls[c]!;
            string at = $"{@case} call {c}";
            if (network) module.ResetState();
            var grad = call["grad"];
            var input = OracleTensor.Decode(call["input"]!);
            if (grad is not null) input.requires_grad_(true);

            var (output, state, record) = module.Evolve(input, record: call["record_flag"]!.GetValue<bool>());

            CheckSpikesOrValues($"{at} output", output, OracleTensor.Decode(call["output"]!), module.SpikingOutput);
            CheckRecord(at, record, call);
            var recorded = OracleTensor.Flat(call["record_dict"]).ToDictionary(r => r.Path, r => r.Value);
            foreach (var (path, expected) in OracleTensor.Flat(call["state_after"]))
                OracleAssert.Close($"{at} state {path}", state[path], expected, TraceRtol, TraceAtol,
                    scaleOf: recorded.GetValueOrDefault(path.Replace("/_mod/", "/"))); // the final state is the trace's last step
            state.Leaves().Select(l => l.Path).ShouldBe(OracleTensor.Flat(call["state_after"]).Select(l => l.Path), $"{at}: state paths");

            if (grad is not null) CheckGradients(at, module, input, output, grad, gradRtol);
        }
    }

    /// <summary>The parameter tree equals a golden's flattened <c>{"path": tensor}</c> exactly.</summary>
    public static void CheckParameterValues(string context, Module module, JsonNode? expected)
    {
        var parameters = module.Parameters();
        foreach (var (path, value) in OracleTensor.Flat(expected))
            OracleAssert.Close($"{context} parameter {path}", parameters[path], value, 0, 0);
    }

    public static void CheckParameters(string @case, Module module, JsonNode golden)
    {
        module.Parameters().Leaves().Select(l => l.Path).ShouldBe(OracleTensor.Flat(golden["parameters"]).Select(p => p.Path), $"{@case}: parameter paths");
        CheckParameterValues(@case, module, golden["parameters"]);
        foreach (var (path, expected) in OracleTensor.Flat(golden["derived_leak_params"]))
        {
            int slash = path.LastIndexOf('/');
            var lif = (LIFTorch)(slash < 0 ? module : module.AllModules().Single(m => m is LIFTorch && m.Path == path[..slash].Replace("/_mod", "")));
            var derived = path[(slash + 1)..] switch
            {
                "tau_mem" => lif.TauMem, "tau_syn" => lif.TauSyn, "alpha" => lif.Alpha,
                "beta" => lif.Beta, "dash_mem" => lif.DashMem, "dash_syn" => lif.DashSyn,
                var other => throw new InvalidOperationException(other),
            };
            OracleAssert.Close($"{@case} derived {path}", derived, expected, 1e-5, 0);
        }
    }

    public static void CheckRecord(string at, TensorTree record, JsonNode call)
    {
        NodePaths(record).ShouldBe(TreePaths(call["record_tree"]), $"{at}: record structure");
        foreach (var (path, expected) in OracleTensor.Flat(call["record_dict"]))
        {
            bool counts = path.EndsWith("spikes", StringComparison.Ordinal) || path.EndsWith("LIFTorch_output", StringComparison.Ordinal);
            CheckSpikesOrValues($"{at} record {path}", record[path], expected, counts);
        }
    }

    public static void CheckSpikesOrValues(string context, Tensor actual, Tensor expected, bool spikes)
    {
        if (spikes) OracleAssert.Exact(context, actual, expected);
        else OracleAssert.Close(context, actual, expected, TraceRtol, TraceAtol);
    }

    public static void CheckGradients(string at, Module module, Tensor input, Tensor output, JsonNode grad, double rtol)
    {
        foreach (var p in module.TrainableParameters()) p.grad?.zero_();
        var loss = (output * OracleTensor.Decode(grad["R"]!)).sum();
        loss.backward();

        OracleAssert.Close($"{at} loss", loss, tensor(grad["loss_value"]!.GetValue<float>()), 1e-5, 0);
        OracleAssert.Close($"{at} d_input", input.grad!, OracleTensor.Decode(grad["d_input"]!), rtol, rtol);
        var parameters = module.Parameters();
        foreach (var (path, expected) in grad["d_parameters"]!.AsObject())
        {
            var g = parameters[path].grad;
            if (expected is null) { g.ShouldBeNull($"{at} d {path}"); continue; }
            g.ShouldNotBeNull($"{at} d {path}: no gradient reached the parameter");
            OracleAssert.Close($"{at} d {path}", g, OracleTensor.Decode(expected), rtol, rtol);
        }
    }

    public static List<string> NodePaths(TensorTree tree, string prefix = "")
    {
        var paths = new List<string>();
        foreach (var (key, node) in tree.Children)
        {
            string path = prefix + key;
            paths.Add(path);
            if (node is TensorTree sub) paths.AddRange(NodePaths(sub, path + "/"));
        }
        return paths;
    }

    public static List<string> TreePaths(JsonNode? tree, string prefix = "")
    {
        var paths = new List<string>();
        if (tree is not JsonObject o) return paths;
        foreach (var (key, node) in o)
        {
            string path = prefix + key;
            paths.Add(path);
            if (node is JsonObject) paths.AddRange(TreePaths(node, path + "/"));
        }
        return paths;
    }
}
