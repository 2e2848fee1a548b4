using System.Diagnostics;
using System.Globalization;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.KafkaBroker;

/// <summary>The <c>stream</c> command as a child process (what a user or the AppHost runs), so a test can kill it with SIGKILL.</summary>
internal sealed class StreamProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private StreamProcess(Process process, int kafkaPort)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        Bootstrap = $"127.0.0.1:{kafkaPort}";
    }

    public string Bootstrap { get; }

    /// <summary>Starts <c>stream --data-dir</c> and waits until the facade's <c>/health</c> answers.</summary>
    public static async Task<StreamProcess> StartAsync(string dataDirectory, string stream, int kafkaPort)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "DevHarness.Emulators.dll"), "stream",
            "--port", port.ToString(CultureInfo.InvariantCulture), "--kafka-port", kafkaPort.ToString(CultureInfo.InvariantCulture),
            "--stream", stream, "--data-dir", dataDirectory,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new StreamProcess(Process.Start(start)!, kafkaPort);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process._process.HasExited || DateTime.UtcNow > deadline)
            {
                process.Dispose();
                Assert.Fail($"The stream command did not become healthy: {await process._stderr}{await process._stdout}");
            }

            try
            {
                using var health = await http.GetAsync("health", TestContext.Current.CancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the process crashes or is killed from the dashboard.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async Task<string> OutputAsync() => await _stdout + await _stderr;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }
}
