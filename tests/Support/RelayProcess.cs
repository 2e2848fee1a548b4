using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace DevHarness.Support;

/// <summary>
/// The relay as a separate process (a <see cref="RelayBuild"/>: the JIT build or the Native AOT executable),
/// in Fn mode on a unix socket or in HTTP mode on a random port. It runs under <c>timeout</c>, so it stops by
/// itself even if the test or bench host dies; disposing kills it, <see cref="StopAsync"/> stops it gracefully.
/// </summary>
public sealed partial class RelayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // USER_HZ: 100 on Linux for every architecture .NET runs on.
    private const int ClockTicksPerSecond = 100;

    // Fine enough for bench/'s cold-start figures (process start → listening), cheap enough for tests.
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(1);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string? _socketDirectory;

    private RelayProcess(Process process, string? socketDirectory)
    {
        _process = process;
        _socketDirectory = socketDirectory;
    }

    /// <summary>Calls <c>POST /call</c>: over the unix socket in Fn mode, over TCP in HTTP mode.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Fn mode: the <c>lsnr.sock</c> link the agent would watch for.</summary>
    public string? SocketPath => _socketDirectory is null ? null : Path.Combine(_socketDirectory, "lsnr.sock");

    public bool HasExited => _process.HasExited;

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Runs from just before the process starts: what a cold-start figure is measured against.</summary>
    public Stopwatch SinceStart { get; } = new();

    /// <summary>Process start → listening (Fn mode: the <c>lsnr.sock</c> link appeared; HTTP mode: "Now listening on").</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <param name="environment">The relay's settings.</param>
    /// <param name="cancellationToken">Stops waiting for the relay to listen.</param>
    /// <param name="build">The relay binary to run; <see cref="RelayBuild.Jit"/> when null.</param>
    public static async Task<RelayProcess> StartHttpAsync(
        IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, RelayBuild? build = null)
    {
        var relay = Launch(environment, socketDirectory: null, build, "--urls", "http://127.0.0.1:0");
        try
        {
            var url = await relay.WaitForLineAsync(ListeningLine(), cancellationToken);
            relay.ReadyAfter = relay.SinceStart.Elapsed;
            relay.Client = new HttpClient { BaseAddress = new Uri(url.Groups["url"].Value + "/"), Timeout = TimeSpan.FromMinutes(5) };
            return relay;
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }

    /// <param name="environment">The relay's settings.</param>
    /// <param name="cancellationToken">Stops waiting for the relay to listen.</param>
    /// <param name="build">The relay binary to run; <see cref="RelayBuild.Jit"/> when null.</param>
    public static async Task<RelayProcess> StartFnAsync(
        IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, RelayBuild? build = null)
    {
        // Short and absolute: unix socket paths are limited to 107 bytes.
        var directory = Path.Combine("/tmp", "dhfn-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var env = new Dictionary<string, string?>(environment)
        {
            ["FN_FORMAT"] = "http-stream",
            ["FN_LISTENER"] = "unix:" + Path.Combine(directory, "lsnr.sock"),
        };
        var relay = Launch(env, directory, build);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            var link = new FileInfo(relay.SocketPath!);
            while (link.LinkTarget is null)
            {
                if (relay._process.HasExited)
                {
                    throw new InvalidOperationException($"The relay exited with {relay._process.ExitCode} before listening:{Environment.NewLine}{relay.Output}");
                }

                await Task.Delay(ReadyPoll, timeout.Token);
                link.Refresh();
            }

            relay.ReadyAfter = relay.SinceStart.Elapsed;
            relay.Client = UnixSocketClient(link.FullName);
            return relay;
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the relay to completion (it is expected to refuse to start) and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(
        IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, RelayBuild? build = null)
    {
        await using var relay = Launch(environment, socketDirectory: null, build, "--urls", "http://127.0.0.1:0");
        return (await relay.WaitForExitAsync(cancellationToken), relay.Output);
    }

    /// <summary>
    /// Stops the relay as OCI Functions and Aspire do (SIGTERM) and returns its exit code once it has exited
    /// and its output has been read to the end.
    /// </summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        Signal(15);
        return await WaitForExitAsync(cancellationToken);
    }

    /// <summary>Peak resident memory so far (<c>VmHWM</c>), in bytes.</summary>
    public long PeakRssBytes() => ReadStatus("VmHWM:");

    /// <summary>Current resident memory (<c>VmRSS</c>), in bytes.</summary>
    public long RssBytes() => ReadStatus("VmRSS:");

    /// <summary>
    /// CPU time (user + system) the relay has used so far, from <c>/proc</c>: on a shared machine it varies
    /// far less with other load than wall-clock time does.
    /// </summary>
    public TimeSpan CpuTime()
    {
        // Fields after the parenthesised command name: state is [0], utime [11], stime [12], in clock ticks.
        var stat = File.ReadAllText($"/proc/{RelayPid()}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        if (_socketDirectory is not null && Directory.Exists(_socketDirectory))
        {
            Directory.Delete(_socketDirectory, recursive: true);
        }
    }

    /// <summary>An HttpClient whose every connection dials the unix socket, as the Fn agent does.</summary>
    private static HttpClient UnixSocketClient(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = TimeSpan.FromMinutes(5) };
    }

    private static RelayProcess Launch(
        IReadOnlyDictionary<string, string?> environment, string? socketDirectory, RelayBuild? build, params string[] arguments)
    {
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };

        // The hard limit that stops the relay even when nobody disposes it.
        foreach (var argument in (string[])["--signal=KILL", "900", .. (build ?? RelayBuild.Jit).CommandLine(), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(IsInheritedRelaySetting).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var relay = new RelayProcess(process, socketDirectory);
        process.OutputDataReceived += (_, e) => relay.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => relay.Collect(e.Data);
        relay.SinceStart.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return relay;
    }

    /// <summary>Nothing from the host's own environment may configure the relay behind the caller's back.</summary>
    private static bool IsInheritedRelaySetting(string name) =>
        name.StartsWith("FN_", StringComparison.Ordinal)
        || name.StartsWith("OCI_", StringComparison.Ordinal)
        || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
        || name.StartsWith("Relay__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Stream__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Oci__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ObjectStorage__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("OTEL_", StringComparison.Ordinal);

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);

        // The parameterless wait also drains the redirected output, so Output is complete.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private async Task<Match> WaitForLineAsync(Regex pattern, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            foreach (var line in _output)
            {
                if (pattern.Match(line) is { Success: true } match)
                {
                    return match;
                }
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The relay exited with {_process.ExitCode} before listening:{Environment.NewLine}{Output}");
            }

            await Task.Delay(ReadyPoll, timeout.Token);
        }
    }

    private long ReadStatus(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{RelayPid()}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kib = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kib * 1024;
            }
        }

        throw new InvalidOperationException($"{field} is not in /proc/{RelayPid()}/status.");
    }

    /// <summary>The dotnet process under <c>timeout</c>.</summary>
    private int RelayPid()
    {
        var children = File.ReadAllText($"/proc/{_process.Id}/task/{_process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length > 0 ? int.Parse(children[0], CultureInfo.InvariantCulture) : _process.Id;
    }

    private void Signal(int signal)
    {
        if (Kill(RelayPid(), signal) != 0)
        {
            throw new InvalidOperationException($"kill({RelayPid()}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
