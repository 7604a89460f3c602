using System.Text.Json.Nodes;
using QatHost.Sdk.Data;
using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Nir.Tests;

/// <summary>The three NIR reference cases the real Rockpool made (tests/Oracle/nir, see its README).</summary>
public static class NirCases
{
    public static readonly string Folder = Locate();

    public static TheoryData<string> All => new() { "taus_linear", "handbuilt_rec_subgraph", "handbuilt_residual_skip" };

    public static string File(string name, string file) => Path.Combine(Folder, name, file);

    public static JsonObject Case(string name) => (JsonObject)JsonNode.Parse(System.IO.File.ReadAllText(File(name, "case.json")))!;

    public static Tensor Input(string name) => Npy.Load(File(name, "input.npy"));

    /// <summary>Checks output, records and final states of one run against the case's expected_{run}_* tensors,
    /// with the case's tolerances (spikes exact, floats rtol 1e-5 + 1e-5 max|x|).</summary>
    public static void AssertRun(string name, string run, Tensor output, TensorTree record, TensorTree state)
    {
        var c = Case(name);
        int checkedCount = 0;
        foreach (var entry in c["tensors"]!.AsArray())
        {
            if ((string)entry!["run"]! != run) continue;
            var expected = Npy.Load(File(name, (string)entry["expected"]!));
            string what = (string)entry["what"]!, path = (string)entry["path"]!;
            var actual = what switch
            {
                "output" => output,
                "record" => record[path],
                _ => state[path],
            };
            string context = $"{name} {run} {what} {path}";
            if ((string)entry["compare"]! == "exact") Close(context, actual, expected, 0, 0);
            else Close(context, actual, expected, (double)entry["rtol"]!, (double)entry["atol_rel_max"]!);
            checkedCount++;
        }
        checkedCount.ShouldBeGreaterThan(10, $"{name}: the case lists the {run} run's tensors");
    }

    public static void Close(string context, Tensor actual, Tensor expected, double rtol, double atolScale)
    {
        Shapes.Format(actual.shape).ShouldBe(Shapes.Format(expected.shape), $"{context}: shape");
        var a = actual.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var e = expected.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        double atol = atolScale * e.Select(Math.Abs).DefaultIfEmpty(0).Max();
        int bad = e.Select((x, i) => Math.Abs(a[i] - x) <= atol + rtol * Math.Abs(x) ? 0 : 1).Sum();
        if (bad > 0)
        {
            int i = e.Select((x, k) => (x, k)).First(p => Math.Abs(a[p.k] - p.x) > atol + rtol * Math.Abs(p.x)).k;
            throw new ShouldAssertException($"{context}: {bad} of {e.Length} elements differ; first at flat index {i}: got {a[i]:G9}, expected {e[i]:G9}.");
        }
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "QatHost.sln")))
                return Path.Combine(dir.FullName, "tests", "Oracle", "nir");
        throw new DirectoryNotFoundException("QatHost.sln not found above the test folder.");
    }
}
