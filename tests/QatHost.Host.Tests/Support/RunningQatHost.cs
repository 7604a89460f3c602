using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QatHost.Host.Tests.Support;

/// <summary>
/// A <c>qathost</c> process still running, for tests that send it real signals (Ctrl-C is SIGINT, <c>kill</c>
/// and batch schedulers send SIGTERM) at a point its standard error shows. It starts through
/// <c>env --default-signal=INT,TERM</c>: a test run started in the background by a shell without job control
/// inherits SIGINT ignored, and the runtime (rightly, as under <c>nohup</c>) keeps it ignored.
/// </summary>
public sealed class RunningQatHost : IDisposable
{
    private readonly Process process;
    private readonly string description;
    private readonly BlockingCollection<string> errorLines = [];
    private readonly System.Text.StringBuilder error = new();
    private readonly Task<string> output;

    private RunningQatHost(Process process, string description)
    {
        this.process = process;
        this.description = description;
        output = process.StandardOutput.ReadToEndAsync();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) { errorLines.CompleteAdding(); return; }
            lock (error) error.Append(e.Data).Append('\n');
            errorLines.Add(e.Data);
        };
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>qathost ARGS</c> from the repository root (or <paramref name="workingDirectory"/>)
    /// with <paramref name="input"/> piped to it and standard input then closed.</summary>
    public static RunningQatHost Start(IEnumerable<string> args, string? input = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = workingDirectory ?? Repository.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in (string[])["--default-signal=INT,TERM", "dotnet", Repository.CliAssembly, .. args])
            start.ArgumentList.Add(arg);
        start.Environment["QATHOST_CACHE"] = TemporaryFolder.Create("cache");
        start.Environment.Remove("QATHOST_PLUGINS");
        var process = Process.Start(start)!;
        var running = new RunningQatHost(process, string.Join(' ', args));
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        return running;
    }

    /// <summary>Waits until a line of standard error matches; fails the test, killing the process, if none
    /// does within <paramref name="timeout"/> (default two minutes) or the process ends first.</summary>
    public string WaitForError(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (DateTime.UtcNow < deadline)
        {
            if (errorLines.TryTake(out var line, TimeSpan.FromMilliseconds(200)))
            {
                if (match(line)) return line;
            }
            else if (errorLines.IsCompleted) break;
        }
        Kill();
        throw new TimeoutException($"qathost {description}: no matching line on standard error.\n{Error}");
    }

    /// <summary>Sends <paramref name="signal"/> to the process, as Ctrl-C, <c>kill</c> or a scheduler does.</summary>
    public void Send(PosixSignal signal)
    {
        int number = signal switch
        {
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGTERM => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "only SIGINT and SIGTERM are used"),
        };
        if (kill(process.Id, number) != 0)
            throw new InvalidOperationException($"kill({process.Id}, {number}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to end (killing it after <paramref name="timeout"/>, default two
    /// minutes, and failing) and returns what it did.</summary>
    public CliResult Finish(TimeSpan? timeout = null)
    {
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            Kill();
            throw new TimeoutException($"qathost {description} did not end after the signal.\n{Error}");
        }
        process.WaitForExit(); // drains the asynchronous standard error reader
        return new CliResult(process.ExitCode, output.Result, Error);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private string Error
    {
        get { lock (error) return error.ToString(); }
    }

    private void Kill()
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
