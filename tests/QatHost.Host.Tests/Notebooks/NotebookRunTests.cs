using System.Text.Json.Nodes;
using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.Notebooks;

/// <summary><c>qathost run FILE.ipynb</c> through the real CLI: outputs read back from the written file and
/// checked against the nbformat v4 schema.</summary>
public class NotebookRunTests
{
    private static JsonObject Read(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    private static string Text(JsonNode? lines) => lines switch
    {
        JsonArray array => string.Concat(array.Select(l => l!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    [Fact]
    public void A_notebook_runs_in_one_session_and_the_executed_copy_holds_text_values_plots_tables_and_the_error()
    {
        string folder = TemporaryFolder.Create("notebook");
        string output = Path.Combine(folder, "out.ipynb");

        var result = QatHostProcess.Run("run", "tests/Fixtures/Notebooks/basics.ipynb", "--output", output);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.ErrorLines[0].ShouldBe("cell[6]:2:1: error CS0103: The name 'undefinedName' does not exist in the current context");
        result.ErrorLines.ShouldContain("    2 | undefinedName + total");
        result.Error.ShouldContain("tests/Fixtures/Notebooks/basics.ipynb: error: cell 6 failed; the cells after it did not run");
        result.OutputLines.ShouldContain("hello from cell 2");
        result.OutputLines.ShouldContain("after the plot");

        NbformatValidator.Validate(output).ShouldBeNull();
        var notebook = Read(output);
        notebook["metadata"]!["kernelspec"]!["name"]!.GetValue<string>().ShouldBe(".net-csharp");
        notebook["metadata"]!["kernelspec"]!["language"]!.GetValue<string>().ShouldBe("C#");
        var cells = notebook["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        cells.Count.ShouldBe(7);

        // Markdown is kept as it was.
        cells[0]["cell_type"]!.GetValue<string>().ShouldBe("markdown");
        Text(cells[0]["source"]).ShouldBe("# A small notebook\n\nText, a tensor, a plot, a table, then an error.");
        cells[0].ContainsKey("outputs").ShouldBeFalse();

        // Printed text, then the trailing expression's value as Print shows a tensor.
        var tensorCell = cells[1]["outputs"]!.AsArray();
        cells[1]["execution_count"]!.GetValue<int>().ShouldBe(1);
        tensorCell[0]!["output_type"]!.GetValue<string>().ShouldBe("stream");
        Text(tensorCell[0]!["text"]).ShouldBe("hello from cell 2\n");
        tensorCell[1]!["output_type"]!.GetValue<string>().ShouldBe("execute_result");
        tensorCell[1]!["execution_count"]!.GetValue<int>().ShouldBe(1);
        Text(tensorCell[1]!["data"]!["text/plain"]).ShouldBe("tensor float32 (2, 3)\n[[1, 1, 1],\n [1, 1, 1]]");

        // Show(plot) embeds a PNG of the requested size, in order with the printed text.
        var plotCell = cells[2]["outputs"]!.AsArray();
        plotCell.Select(o => o!["output_type"]!.GetValue<string>()).ShouldBe(["display_data", "stream"]);
        byte[] png = Convert.FromBase64String(plotCell[0]!["data"]!["image/png"]!.GetValue<string>());
        png.Take(8).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
        System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)).ShouldBe(400);
        System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)).ShouldBe(300);
        Text(plotCell[1]!["text"]).ShouldBe("after the plot\n");

        // A sequence of records is a table: HTML and text.
        var table = cells[3]["outputs"]!.AsArray().Single()!["data"]!;
        Text(table["text/html"]).ShouldContain("<th>Bits</th><th>Accuracy</th>");
        Text(table["text/html"]).ShouldContain("<tr><td>8</td><td>0.91</td></tr>");
        Text(table["text/plain"]).ShouldBe("Bits  Accuracy\n----  --------\n8     0.91\n4     0.85");

        // The failing cell carries the error with cell and line; the cell after it did not run.
        var error = cells[5]["outputs"]!.AsArray().Single()!;
        error["output_type"]!.GetValue<string>().ShouldBe("error");
        error["ename"]!.GetValue<string>().ShouldBe("error CS0103");
        error["evalue"]!.GetValue<string>().ShouldBe("The name 'undefinedName' does not exist in the current context");
        error["traceback"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(
        [
            "cell[6]:2:1: error CS0103: The name 'undefinedName' does not exist in the current context",
            "    2 | undefinedName + total",
            "      | ^^^^^^^^^^^^^",
        ]);
        cells[6]["outputs"]!.AsArray().ShouldBeEmpty();
        cells[6]["execution_count"].ShouldBeNull();
    }

    [Fact]
    public void A_returned_figure_is_a_png_a_runtime_error_names_the_cell_and_line_and_in_place_rewrites_the_input()
    {
        string folder = TemporaryFolder.Create("notebook");
        string path = Path.Combine(folder, "runtime.ipynb");
        File.WriteAllText(path, """
            {"cells": [
              {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": "var figure = new ScottPlot.Plot();\nfigure.Add.Line(0, 0, 1, 1);\nfigure"},
              {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": ["var net = Sequential(LinearTorch(3, 5), LIFTorch(5));\n", "net.SizeOut"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": "Print(1);\nnet.Evolve(torch.ones(1, 2, 9));"}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
            """);

        var result = QatHostProcess.Run("run", path, "--in-place");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.ErrorLines[0].ShouldBe("cell[3]:2:5: error: 0_LinearTorch: input has wrong neuron dimension: it is 9, must be 3 (input shape (1, 2, 9)).");
        NbformatValidator.Validate(path).ShouldBeNull();
        var cells = Read(path)["cells"]!.AsArray();
        var figure = cells[0]!["outputs"]!.AsArray().Single()!;
        figure["output_type"]!.GetValue<string>().ShouldBe("execute_result");
        Convert.FromBase64String(figure["data"]!["image/png"]!.GetValue<string>()).Take(4).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        Text(cells[1]!["outputs"]![0]!["data"]!["text/plain"]).ShouldBe("5");
        var outputs = cells[2]!["outputs"]!.AsArray();
        Text(outputs[0]!["text"]).ShouldBe("1\n");
        outputs[1]!["traceback"]![0]!.GetValue<string>().ShouldStartWith("cell[3]:2:5: error: 0_LinearTorch: input has wrong neuron dimension");
        cells[0]!["id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Show_in_a_script_writes_the_figure_to_a_png_and_prints_its_path()
    {
        string folder = TemporaryFolder.Create("show");
        string script = Path.Combine(folder, "show.csx");
        File.WriteAllText(script, "var plot = new ScottPlot.Plot();\nplot.Add.Line(0, 0, 1, 1);\nShow(plot, width: 300, height: 200);\n");

        var result = QatHostProcess.Run("run", script);

        result.ExitCode.ShouldBe(0, result.ToString());
        string line = result.OutputLines.Single();
        line.ShouldStartWith("plot written to ");
        byte[] png = File.ReadAllBytes(line["plot written to ".Length..]);
        System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)).ShouldBe(300);
    }

    [Fact]
    public void Notebook_options_on_a_script_are_a_command_line_error()
    {
        var result = QatHostProcess.Run("run", "scripts/hello.csx", "--in-place");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines[0].ShouldBe("qathost: error: --output and --in-place apply to notebooks (.ipynb) only.");
    }

    [Fact]
    public void The_quant_torch_tour_notebook_runs_and_shows_the_networks_and_the_weight_histogram()
    {
        string folder = TemporaryFolder.Create("notebook");
        string output = Path.Combine(folder, "tour.ipynb");

        var result = QatHostProcess.Run("run", "notebooks/quant-torch-tour.ipynb", "--output", output);

        result.ExitCode.ShouldBe(0, result.ToString());
        NbformatValidator.Validate(output).ShouldBeNull();
        var cells = Read(output)["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        cells.Count(c => c["cell_type"]!.GetValue<string>() == "markdown").ShouldBeGreaterThan(5);
        var outputs = cells.Where(c => c.ContainsKey("outputs")).SelectMany(c => c["outputs"]!.AsArray()).ToList();
        outputs.ShouldNotContain(o => o!["output_type"]!.GetValue<string>() == "error");
        string text = string.Join("\n", outputs.Select(o => Text(o!["text"]) + Text(o!["data"]?["text/plain"])));
        text.ShouldContain("TorchSequential  with shape (3, 3) {");
        text.ShouldContain("TorchResidual '2_TorchResidual' with shape (5, 5) {");
        outputs.Count(o => o!["data"]?["image/png"] is not null).ShouldBe(1);
    }
}
