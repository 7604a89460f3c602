using QatHost.Sdk.Engine;
using static QatHost.Sdk.Dsl.Builders;

namespace QatHost.Nir.Tests;

/// <summary>Nir.Save of the reference cases' original networks writes what Rockpool's to_nir (or the hand-built
/// file) holds, node for node and number for number; where to_nir is wrong (Input/Output shapes with batch and
/// time axes) it writes [N].</summary>
public class OracleExportTests
{
    private static Module Original(string name)
    {
        Module net = name switch
        {
            "taus_linear" => Sequential(LinearTorch(6, 16), LIFTorch(16), LinearTorch(16, 4), LIFTorch(4)),
            "handbuilt_rec_subgraph" => Sequential(LinearTorch(4, 10), LIFTorch(10, hasRec: true), LinearTorch(10, 3), LIFTorch(3)),
            _ => Sequential(LinearTorch(3, 8), LIFTorch(8), Residual(LinearTorch(8, 8), LIFTorch(8)), LinearTorch(8, 2), LIFTorch(2)),
        };
        net.Load(NirCases.File(name, "params.json"));
        return net;
    }

    [Theory]
    [MemberData(nameof(NirCases.All), MemberType = typeof(NirCases))]
    public void The_exported_file_holds_the_reference_files_nodes_fields_and_values(string name)
    {
        using var net = Original(name);
        using var file = new TempFile();
        Nir.Export(net, file.Path).ShouldBeEmpty();

        var reference = NirFile.Read(NirCases.File(name, "graph.nir"));
        var written = NirFile.Read(file.Path);
        written.Version.ShouldBe("1.0.4");
        SameGraph(written.Graph, reference.Graph, name, orderedEdges: name != "taus_linear");
    }

    private static void SameGraph(NirNode actual, NirNode expected, string where, bool orderedEdges)
    {
        actual.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal).ShouldBe(expected.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal), where);
        // to_nir's edge order comes from a Python set (meaningless); the hand-built files list the main path first.
        if (orderedEdges) actual.Edges.ShouldBe(expected.Edges, where);
        else actual.Edges.Order().ShouldBe(expected.Edges.Order(), where);
        foreach (var e in expected.Nodes)
        {
            var a = actual.Nodes.Single(n => n.Name == e.Name);
            a.Type.ShouldBe(e.Type, $"{where}/{e.Name}");
            if (e.IsGraph) SameGraph(a, e, $"{where}/{e.Name}", orderedEdges: true);
            a.Fields.Keys.Order().ShouldBe(e.Fields.Keys.Order(), $"{where}/{e.Name}");
            foreach (var (field, value) in e.Fields)
            {
                var mine = a.Fields[field];
                string at = $"{where}/{e.Name}/{field}";
                if (field == "shape" && e.Type is "Input" or "Output")
                {
                    // Rockpool writes the sample's full shape ([1, 6], [1, 1, 4]); the channel count is its last entry.
                    mine.Shape.ShouldBe([1L], at);
                    mine.Numbers.ShouldBe([value.Numbers[^1]], at);
                    continue;
                }
                mine.DType.ShouldBe(value.DType, at);
                mine.Shape.ShouldBe(value.Shape, at);
                if (field == "r")
                {
                    // r = tau_mem * exp(-dt / tau_mem) / dt: torch 1.13's vectorised exp and LibTorch's differ by
                    // at most one float32 ulp on a few values (3 of 41 in these files); everything else is exact.
                    for (int i = 0; i < value.Numbers.Length; i++)
                        Math.Abs(mine.Numbers[i] - value.Numbers[i]).ShouldBeLessThanOrEqualTo(
                            (double)MathF.BitIncrement((float)value.Numbers[i]) - value.Numbers[i], $"{at}[{i}]");
                    continue;
                }
                mine.Numbers.ShouldBe(value.Numbers, at); // bit for bit (float32 values held exactly as doubles)
            }
        }
    }

    [Fact]
    public void Rockpools_importer_rule_reads_the_exported_file_as_it_reads_rockpools()
    {
        // Nir.Load ignoring QatHost's metadata (dt given as Rockpool's dt*) equals the Rockpool import of to_nir's file.
        using var net = Original("taus_linear");
        using var file = new TempFile();
        Nir.Export(net, file.Path);
        var document = NirFile.Read(file.Path);
        StripMetadata(document.Graph);
        NirFile.Write(document, file.Path);

        using var imported = Nir.Import(file.Path).Network;
        var (output, state, record) = imported.Evolve(NirCases.Input("taus_linear"), record: true);
        NirCases.AssertRun("taus_linear", "imported", output, record, state);
    }

    internal static void StripMetadata(NirNode node)
    {
        node.Metadata.Clear();
        foreach (var sub in node.Nodes) StripMetadata(sub);
    }
}
