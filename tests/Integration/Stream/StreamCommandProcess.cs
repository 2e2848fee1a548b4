using System.Collections.Concurrent;
using System.Diagnostics;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// <c>DevHarness.Emulators stream …</c> as a child process, as the AppHost runs it: started with the given
/// options on a free REST port, then either ready (its "Kafka bootstrap" line printed) or exited.
/// </summary>
internal sealed class StreamCommandProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();

    private StreamCommandProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Collect(_output, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(_error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static StreamCommandProcess Start(params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "DevHarness.Emulators.dll"), "stream", "--port", $"{FreePort.Next()}", .. options])
        {
            start.ArgumentList.Add(argument);
        }

        return new StreamCommandProcess(Process.Start(start)!);
    }

    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!_output.Any(line => line.Contains("Kafka bootstrap", StringComparison.Ordinal)))
        {
            Assert.False(_process.HasExited, $"the stream command exited: {string.Join('\n', _error)}");
            Assert.True(DateTime.UtcNow < deadline, "the stream command did not start in time");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The exit code and standard error of a command expected to stop by itself.</summary>
    public async Task<(int ExitCode, string Error)> WaitExitAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _process.WaitForExitAsync(ct).WaitAsync(Timeout, ct);
        return (_process.ExitCode, string.Join('\n', _error));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Collect(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
