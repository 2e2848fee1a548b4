using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DevHarness.Benchmarks.Relay;

/// <summary>
/// The relay as its own process (<c>dotnet DevHarness.Relay.Function.dll</c>: by default the Release build
/// copied into the bench output, or a given one such as a <c>dotnet publish</c> output), in Fn mode on a
/// unix socket or HTTP mode on a random port, under <c>timeout</c> so it always ends.
/// </summary>
internal sealed partial class RelayBenchProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly string? _directory;

    private RelayBenchProcess(Process process, string? directory)
    {
        _process = process;
        _directory = directory;
    }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Process start → listening (Fn: the lsnr.sock link appeared).</summary>
    public TimeSpan ReadyAfter { get; private set; }

    public Stopwatch SinceStart { get; } = new();

    public static string DefaultRelayDll => Path.Combine(AppContext.BaseDirectory, "DevHarness.Relay.Function.dll");

    public static async Task<RelayBenchProcess> StartAsync(IReadOnlyDictionary<string, string> environment, bool fnMode, CancellationToken cancellationToken, string? relayDll = null)
    {
        var directory = fnMode ? Path.Combine("/tmp", "dhbench-" + Guid.NewGuid().ToString("N")[..10]) : null;
        var start = new ProcessStartInfo("timeout") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--signal=KILL", "900", "dotnet", relayDll ?? DefaultRelayDll])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
            start.Environment["FN_FORMAT"] = "http-stream";
            start.Environment["FN_LISTENER"] = "unix:" + Path.Combine(directory, "lsnr.sock");
        }
        else
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
        }

        var process = new Process { StartInfo = start };
        var relay = new RelayBenchProcess(process, directory);
        process.OutputDataReceived += (_, e) => relay.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => relay.Collect(e.Data);
        relay.SinceStart.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        if (directory is not null)
        {
            var link = new FileInfo(Path.Combine(directory, "lsnr.sock"));
            while (link.LinkTarget is null)
            {
                await Task.Delay(1, limit.Token);
                link.Refresh();
            }

            relay.ReadyAfter = relay.SinceStart.Elapsed;
            relay.Client = UnixClient(link.FullName);
        }
        else
        {
            Match? match = null;
            while (match is null)
            {
                await Task.Delay(2, limit.Token);
                lock (relay._output)
                {
                    match = relay._output.Select(l => Listening().Match(l)).FirstOrDefault(m => m.Success);
                }
            }

            relay.ReadyAfter = relay.SinceStart.Elapsed;
            relay.Client = new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value + "/") };
        }

        return relay;
    }

    /// <summary>
    /// CPU time (user + system) the relay has used so far, read from /proc: on a shared machine it varies
    /// far less with other load than wall-clock time does. The relay is the child of <c>timeout</c>.
    /// </summary>
    public TimeSpan? CpuTime()
    {
        var children = $"/proc/{_process.Id}/task/{_process.Id}/children";
        if (!File.Exists(children) || File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [var relayPid, ..])
        {
            return null;
        }

        // Fields after the parenthesised command name: state is [0], utime [11], stime [12], in clock ticks.
        var stat = File.ReadAllText($"/proc/{relayPid}/stat");
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
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static HttpClient UnixClient(string path) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, token) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = new Uri("http://localhost/") };

    private void Collect(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    // USER_HZ, fixed at 100 on Linux for every architecture .NET runs on.
    private const int ClockTicksPerSecond = 100;

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
