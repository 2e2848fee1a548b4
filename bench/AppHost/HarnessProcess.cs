using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;

namespace DevHarness.Benchmarks.AppHost;

/// <summary>
/// The AppHost as a user starts it (<c>dotnet run --no-build --project src/AppHost</c>), on free ports,
/// stopped with SIGINT (as Ctrl+C) so DCP tears every resource down.
/// </summary>
internal sealed class HarnessProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly int[] _ports;
    private readonly long _startedAt;

    private HarnessProcess(Process process, int[] ports, long startedAt)
    {
        _process = process;
        _ports = ports;
        _startedAt = startedAt;
    }

    public string ObjectStorageUrl => $"http://127.0.0.1:{_ports[0]}";

    public string KafkaBootstrap => $"127.0.0.1:{_ports[3]}";

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    public static HarnessProcess Start(int[] ports, string kafka)
    {
        var repository = FindRepositoryRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "run", "--no-build", "--project", Path.Combine(repository, "src", "AppHost"), "--",
            // A throwaway stream: each start measures an empty harness, and the bench leaves no data behind.
            "--no-replay", "--kafka", kafka, "--stream-data-dir", "none",
            "--objectstorage-port", Text(ports[0]), "--stream-port", Text(ports[1]), "--events-port", Text(ports[2]),
            "--kafka-port", Text(ports[3]), "--relay-port", Text(ports[4]),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        // Drain the console so the AppHost never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HarnessProcess(process, ports, startedAt);
    }

    /// <summary>Polls every resource's health (and the topic on the Kafka port) until all answer.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        var pending = new HashSet<int> { _ports[0], _ports[1], _ports[2], _ports[4] };
        var kafkaReady = false;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the AppHost exited with {_process.ExitCode} before it was ready");
            }

            foreach (var port in pending.ToList())
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        pending.Remove(port);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Slow to answer while starting.
                }
            }

            kafkaReady = kafkaReady || TopicVisible();
            if (pending.Count == 0 && kafkaReady)
            {
                return Stopwatch.GetElapsedTime(_startedAt);
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"resources on ports {string.Join(", ", pending)} were not healthy after {timeout}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            foreach (var pid in Children(_process.Id).Prepend(_process.Id))
            {
                using var kill = Process.Start("kill", ["-INT", Text(pid)]);
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private bool TopicVisible()
    {
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = KafkaBootstrap })
                .SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
            var topic = admin.GetMetadata("relay", TimeSpan.FromSeconds(1)).Topics.SingleOrDefault();
            return topic is { Error.IsError: false, Partitions.Count: > 0 };
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    /// <summary>
    /// The AppHost itself is a child of <c>dotnet run</c>; Ctrl+C in a terminal reaches both (the foreground
    /// process group), and the AppHost then has DCP stop every resource.
    /// </summary>
    private static List<int> Children(int pid) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var child) ? child : -1)
            .Where(child => child > 0 && ParentOf(child) == pid)];

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DevHarness.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the DevHarness repository.");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
