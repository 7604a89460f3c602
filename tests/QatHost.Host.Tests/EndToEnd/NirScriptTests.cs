using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>scripts/nir-roundtrip.csx through the real CLI with the in-tree Nir and Transforms plugins.</summary>
public class NirScriptTests
{
    [Fact]
    public void Nir_roundtrip_loads_rockpools_file_quantises_trains_and_exports()
    {
        string folder = TemporaryFolder.Create("nir");
        string target = Path.Combine(folder, "quantised.nir");

        var result = QatHostProcess.Run("run", "scripts/nir-roundtrip.csx", "--", "tests/Oracle/nir/taus_linear/graph.nir", target);

        result.ExitCode.ShouldBe(0, result.ToString());
        // Rockpool's from_nir rule for dt (min tau_mem / (1 + r), per layer), as in the reference case.
        result.OutputLines.ShouldContain("1_LIFTorch: dt = 0.9862 ms");
        result.OutputLines.ShouldContain("3_LIFTorch: dt = 0.9986 ms");
        result.OutputLines.ShouldContain(l => l.StartsWith("epoch      loss"));
        foreach (var layer in new[] { "0_LinearTorch", "2_LinearTorch" })
        {
            var line = result.OutputLines.Single(l => l.StartsWith($"{layer}/weight: "));
            int levels = int.Parse(line.Split(' ')[1]);
            levels.ShouldBeInRange(2, 16, line);
        }
        result.OutputLines[^1].ShouldBe($"saved {target}; reading it back gives the same network");
        File.Exists(target).ShouldBeTrue();
        result.Error.ShouldContain("warning: graph: node \"1_LIFTorch\" (CubaLIF): dt = min(tau_mem / (1 + r))");
        Directory.Delete(folder, recursive: true);
    }
}
