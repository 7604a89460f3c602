using QatHost.Host.Tests.Support;

namespace QatHost.Host.Tests.EndToEnd;

/// <summary>
/// Issue 12.22: every C# example in README.md and docs/*.md marked runnable (a <c>&lt;!-- runnable --&gt;</c> line
/// right above its <c>```csharp</c> fence) runs as written through the real <c>qathost</c>, in a fresh folder
/// (so examples that write into <c>out/</c> must create it).
/// </summary>
public class DocExamplesTests
{
    private const string Marker = "<!-- runnable -->";

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, line, _) in Extract()) data.Add(file, line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_runnable_doc_example_runs_as_written(string file, int line)
    {
        string code = Extract().Single(e => e.File == file && e.Line == line).Code;
        string folder = TemporaryFolder.Create("doc-example");
        File.WriteAllText(Path.Combine(folder, "example.csx"), code);

        var result = QatHostProcess.Run(["--seed", "1", "run", "example.csx"], workingDirectory: folder);

        result.ExitCode.ShouldBe(0, $"{file}:{line}\n{result}");
        result.Error.ShouldNotContain("error", Case.Insensitive, $"{file}:{line}\n{result}");
    }

    [Fact]
    public void The_readme_example_and_the_training_guide_example_are_marked_runnable()
    {
        var examples = Extract().ToList();

        examples.ShouldContain(e => e.File == "README.md");
        examples.ShouldContain(e => e.File == "docs/training.md" && e.Code.Contains("checkpoint:"));
    }

    /// <summary>(file relative to the repository, line of the fence, code) for every marked block.</summary>
    private static IEnumerable<(string File, int Line, string Code)> Extract()
    {
        var files = new[] { "README.md" }.Concat(Directory.GetFiles(Repository.Path("docs"), "*.md")
            .Select(f => "docs/" + Path.GetFileName(f)).Order(StringComparer.Ordinal));
        foreach (string file in files)
        {
            var lines = File.ReadAllLines(Repository.Path(file));
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp" || lines[i - 1].Trim() != Marker) continue;
                int end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
                if (end < 0) throw new InvalidDataException($"{file}:{i + 1}: the runnable example has no closing fence.");
                yield return (file, i + 1, string.Join('\n', lines[(i + 1)..end]) + "\n");
            }
        }
    }
}
