using System.Diagnostics;
using System.Globalization;
using DevHarness.Benchmarks.AppHost;

namespace DevHarness.Benchmarks.Streaming;

/// <summary>
/// The <c>stream</c> command as a child process (Release build beside the bench), so kcat talks to it as a
/// user's would and its resident memory can be read from /proc.
/// </summary>
internal sealed class StreamProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private StreamProcess(Process process, string dataDirectory, int port, int kafkaPort)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        FacadeUrl = new Uri($"http://127.0.0.1:{port}/");
        Bootstrap = $"127.0.0.1:{kafkaPort}";
    }

    public Uri FacadeUrl { get; }

    public string Bootstrap { get; }

    public static async Task<StreamProcess> StartAsync(string stream, CancellationToken cancellationToken)
    {
        var ports = HarnessProcess.FreePorts(2);
        // A folder of the bench's own: the process is killed at the end, so it could not remove a temporary one.
        var data = Directory.CreateTempSubdirectory("devharness-bench-stream-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "DevHarness.Emulators.dll"), "stream", "--stream", stream,
            "--port", ports[0].ToString(CultureInfo.InvariantCulture), "--kafka-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--data-dir", data,
        })
        {
            start.ArgumentList.Add(argument);
        }

        // Request logging at Warning: one line per request would measure the console, not the stream.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = new StreamProcess(Process.Start(start)!, data, ports[0], ports[1]);
        _ = process._process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process._process.StandardError.ReadToEndAsync(cancellationToken);
        using var http = new HttpClient { BaseAddress = process.FacadeUrl };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var health = await http.GetAsync("health", cancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, cancellationToken);
        }

        process.Dispose();
        throw new TimeoutException("The stream command did not become healthy within a minute.");
    }

    /// <summary>The stream command's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Resident set size now (VmRSS), in bytes.</summary>
    public long RssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
