using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>The on-disk compilation cache as users see it: a warm run skips Roslyn, a changed file does not.</summary>
public class CompilationCacheTests
{
    [Fact]
    public void A_second_run_of_an_unchanged_script_is_served_from_the_cache()
    {
        string cache = TemporaryFolder.Create("cache");

        var cold = QatHostProcess.Run(["--verbose", "run", "scripts/hello.csx"], cacheDirectory: cache);
        var warm = QatHostProcess.Run(["--verbose", "run", "scripts/hello.csx"], cacheDirectory: cache);

        cold.ExitCode.ShouldBe(0, cold.ToString());
        cold.ErrorLines.ShouldContain(l => l.StartsWith("qathost: compiled scripts/hello.csx ("));
        warm.ExitCode.ShouldBe(0, warm.ToString());
        warm.ErrorLines.ShouldContain(l => l.StartsWith("qathost: compilation cache hit (") && l.EndsWith(cache));
        warm.Output.ShouldBe(cold.Output);
        Directory.GetDirectories(cache).Length.ShouldBe(1);
    }

    [Fact]
    public void Editing_a_loaded_file_recompiles_the_script()
    {
        string folder = TemporaryFolder.Create("script");
        Directory.CreateDirectory(Path.Combine(folder, "helpers"));
        File.WriteAllText(Path.Combine(folder, "main.csx"), "#load \"helpers/width.csx\"\nPrint(Width);\n");
        File.WriteAllText(Path.Combine(folder, "helpers", "width.csx"), "int Width = 4;\n");
        string cache = TemporaryFolder.Create("cache");
        QatHostProcess.Run(["run", "main.csx"], cacheDirectory: cache, workingDirectory: folder).Output.ShouldBe("4\n");

        File.WriteAllText(Path.Combine(folder, "helpers", "width.csx"), "int Width = 9;\n");
        var result = QatHostProcess.Run(["--verbose", "run", "main.csx"], cacheDirectory: cache, workingDirectory: folder);

        result.Output.ShouldBe("9\n");
        result.ErrorLines.ShouldContain(l => l.StartsWith("qathost: compiled main.csx ("));
    }

    [Fact]
    public void A_cached_script_still_reports_runtime_errors_at_the_script_line()
    {
        string cache = TemporaryFolder.Create("cache");
        string[] args = ["run", "tests/Fixtures/Scripts/ThrowsAtLine4/ThrowsAtLine4.csx"];
        var cold = QatHostProcess.Run(args, cacheDirectory: cache);

        var warm = QatHostProcess.Run(args, cacheDirectory: cache);

        warm.ExitCode.ShouldBe(1);
        warm.Error.ShouldBe(cold.Error);
        warm.ErrorLines[0].ShouldStartWith("tests/Fixtures/Scripts/ThrowsAtLine4/ThrowsAtLine4.csx:4:18: error: ");
    }

    [Fact]
    public void A_truncated_cached_assembly_is_recompiled_instead_of_failing_to_load()
    {
        string cache = TemporaryFolder.Create("cache");
        var cold = QatHostProcess.Run(["run", "scripts/hello.csx"], cacheDirectory: cache);
        string dll = Path.Combine(Directory.GetDirectories(cache).ShouldHaveSingleItem(), "script.dll");
        File.WriteAllBytes(dll, File.ReadAllBytes(dll)[..(int)(new FileInfo(dll).Length / 2)]); // as after a power loss

        var damaged = QatHostProcess.Run(["--verbose", "run", "scripts/hello.csx"], cacheDirectory: cache);
        var warm = QatHostProcess.Run(["--verbose", "run", "scripts/hello.csx"], cacheDirectory: cache);

        damaged.ExitCode.ShouldBe(0, damaged.ToString());
        damaged.Output.ShouldBe(cold.Output);
        damaged.ErrorLines.ShouldContain(l => l.StartsWith("qathost: compiled scripts/hello.csx ("));
        warm.ExitCode.ShouldBe(0, warm.ToString());
        warm.ErrorLines.ShouldContain(l => l.StartsWith("qathost: compilation cache hit ("));
    }
}
