using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DevHarness.Benchmarks.ObjectStorage;

/// <summary>The emulator as a child process, so its memory is its own; killed (by its pid) on dispose.</summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    // USER_HZ: 100 on every Linux this runs on (the kernel ABI fixes it for /proc).
    private const int ClockTicksPerSecond = 100;

    private readonly Process _process;

    private EmulatorProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<EmulatorProcess> StartAsync(string? dataDirectory, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DevHarness.Emulators.dll"));
        foreach (var argument in new[] { "objectstorage", "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (dataDirectory is not null)
        {
            start.ArgumentList.Add("--data-dir");
            start.ArgumentList.Add(dataDirectory);
        }

        // One log line per request is the emulator's default; the figure here is the server's, not the console's.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the emulator.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new EmulatorProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var probe = new HttpClient { BaseAddress = emulator.Url };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var health = await probe.GetAsync("/health", cancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return emulator;
                }
            }
            catch (HttpRequestException) when (attempt < 300 && !process.HasExited)
            {
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public long ResidentKib(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field}.");
    }

    /// <summary>The emulator's CPU time so far, user plus system (<c>/proc/&lt;pid&gt;/stat</c> fields 14 and 15).</summary>
    public TimeSpan CpuTime()
    {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
