namespace QatHost.Host.Tests.Support;

/// <summary>
/// Validates notebooks against the nbformat v4 schema with the reference implementation, Debian's
/// <c>python3-nbformat</c> (run by the system Python, <c>/usr/bin/python3</c>). Under CI (<c>CI=true</c>) it
/// installs the package when missing; when it cannot, the test fails rather than skipping the check.
/// </summary>
public static class NbformatValidator
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> Missing = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Null when the notebook is valid; otherwise nbformat's complaint.</summary>
    public static string? Validate(string path)
    {
        if (Missing.Value is { } why) throw new InvalidOperationException(why);
        var (exit, output) = SystemTool.Run(Python, "-c",
            "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT); " +
            "assert nb.nbformat == 4, nb.nbformat; nbformat.validate(nb); print('valid')", path);
        return exit == 0 && output.Trim() == "valid" ? null : output;
    }

    private static string? Prepare() => SystemTool.Require("python3-nbformat", Available, "to validate notebooks");

    private static bool Available() => File.Exists(Python) && SystemTool.Run(Python, "-c", "import nbformat").Exit == 0;
}
