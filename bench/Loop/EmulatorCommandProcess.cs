using System.Diagnostics;
using System.Globalization;

namespace DevHarness.Benchmarks.Loop;

/// <summary>
/// One emulator subcommand (<c>dotnet DevHarness.Emulators.dll &lt;command&gt; …</c>, the Release build beside
/// the bench) as a child process on 127.0.0.1, healthy before it is returned. It runs under <c>timeout</c>, so
/// it stops by itself even if the bench dies; disposing kills it.
/// </summary>
internal sealed class EmulatorCommandProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorCommandProcess(string name, Process process, Uri url)
    {
        Name = name;
        _process = process;
        Url = url;
    }

    public string Name { get; }

    public Uri Url { get; }

    /// <param name="command">The subcommand, e.g. <c>objectstorage</c>.</param>
    /// <param name="port">The port it is told to listen on (its <c>/health</c> is polled there).</param>
    /// <param name="arguments">Its options after <c>--port</c>.</param>
    /// <param name="hardLimit">When the process is killed even if nobody disposes it.</param>
    /// <param name="cancellationToken">Stops waiting for it to become healthy.</param>
    public static async Task<EmulatorCommandProcess> StartAsync(
        string command, int port, IEnumerable<string> arguments, TimeSpan hardLimit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("timeout") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] commandLine =
        [
            "--signal=KILL", ((int)hardLimit.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "dotnet", Path.Combine(AppContext.BaseDirectory, "DevHarness.Emulators.dll"), command,
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), .. arguments,
        ];
        foreach (var argument in commandLine)
        {
            start.ArgumentList.Add(argument);
        }

        // One log line per request would measure the console, not the emulator.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start the {command} emulator.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new EmulatorCommandProcess(command, process, new Uri($"http://127.0.0.1:{port}/"));
        using var probe = new HttpClient { BaseAddress = emulator.Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var health = await probe.GetAsync("health", cancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return emulator;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy starting.
            }

            await Task.Delay(50, cancellationToken);
        }

        await emulator.DisposeAsync();
        throw new TimeoutException($"The {command} emulator did not become healthy within a minute.");
    }

    /// <summary>The emulator's own resident memory (VmRSS of the child of <c>timeout</c>), in bytes.</summary>
    public long RssBytes() => ProcessUsage.RssBytes(ProcessUsage.OnlyChild(_process.Id));

    /// <summary>The emulator's own CPU time so far.</summary>
    public TimeSpan CpuTime() => ProcessUsage.CpuTime(ProcessUsage.OnlyChild(_process.Id));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }
}
