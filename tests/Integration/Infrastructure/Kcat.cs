using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace DevHarness.Integration.Infrastructure;

/// <summary>
/// kcat, Debian's command-line Kafka client (librdkafka): an independent client for the embedded broker.
/// Tests skip, saying so, where it is not installed.
/// </summary>
public static class Kcat
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs kcat to the end, feeding <paramref name="input"/> on stdin.</summary>
    public static async Task<KcatResult> RunAsync(IEnumerable<string> arguments, byte[]? input = null, TimeSpan? timeout = null)
    {
        var ct = TestContext.Current.CancellationToken;
        using var process = Process.Start(StartInfo(arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, ct);
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(ct).WaitAsync(timeout ?? DefaultTimeout, ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        return new KcatResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts kcat in the background (a long-running consumer), collecting its output line by line.</summary>
    public static KcatProcess Start(IEnumerable<string> arguments) => new(Process.Start(StartInfo(arguments))!);

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var path = new[] { "/usr/bin/kcat", "/usr/local/bin/kcat", "/usr/bin/kafkacat" }.FirstOrDefault(File.Exists);
        if (path is null)
        {
            Assert.Skip("kcat is not installed (apt-get install kcat; .ci/run installs it)");
        }

        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }
}

/// <summary>What a kcat run printed and how it exited.</summary>
public sealed record KcatResult(int ExitCode, string Stdout, string Stderr)
{
    public KcatResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"kcat exited with {ExitCode}: {Stderr}");
        return this;
    }

    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A kcat left running: its stdout and stderr lines so far; disposing kills it.</summary>
public sealed class KcatProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    internal KcatProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _stdout.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _stderr.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
    }

    public IReadOnlyList<string> Stdout => [.. _stdout];

    public IReadOnlyList<string> Stderr => [.. _stderr];

    public bool HasExited => _process.HasExited;

    /// <summary>SIGTERM: kcat closes its consumer cleanly, which leaves the group.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }
}
