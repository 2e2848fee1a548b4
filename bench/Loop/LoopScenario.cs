using System.Diagnostics;
using System.Globalization;
using DevHarness.Benchmarks.AppHost;
using DevHarness.Benchmarks.Streaming;
using DevHarness.Support;

namespace DevHarness.Benchmarks.Loop;

/// <summary>
/// <c>loop [--seconds 60] [--rate N] [--publisher kafka|rest] [--relay aot|jit|path] [--disk] [--events-concurrency N] [--journal-size N]</c>: the whole
/// harness as separate processes on 127.0.0.1, wired as the AppHost wires them (Object Storage emulator →
/// events emulator → its rule → the relay in HTTP mode → the stream emulator's embedded broker), under
/// <see cref="LoopUploads.Clients"/> keep-alive clients putting 1 KiB objects, as fast as answered or at
/// <c>--rate</c> per second (open loop, for the latency figure). A Kafka consumer reads the topic and matches
/// every object's event and data message: uploads/s is objects whose pair became readable per second from the
/// first PutObject to the last pair; latency is PutObject start → pair readable; lost is acknowledged uploads
/// whose pair never arrived in order, and the topic must grow by exactly two messages per upload.
/// <c>--disk</c> gives Object Storage a <c>--data-dir</c> (the AppHost's default is memory);
/// <c>--events-concurrency</c> is the events emulator's <c>--concurrency</c>, <c>--journal-size</c> Object Storage's
/// (their defaults otherwise).
/// </summary>
internal sealed class LoopScenario : IScenario
{
    private const string StreamId = "ocid1.stream.oc1.local.relay";

    private const string Topic = "relay";

    private const int WarmUpUploads = 500;

    // A run stalls when nothing new became readable for this long: what is still missing is lost.
    private static readonly TimeSpan DrainStall = TimeSpan.FromSeconds(20);

    public string Name => "loop";

    public string Description => "Uploads/s and upload → both messages readable latency through the whole harness (processes), nothing lost";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = ScenarioArguments.Int(args, "--seconds", 60);
        int? rate = ScenarioArguments.Value(args, "--rate") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : null;
        var publisher = ScenarioArguments.String(args, "--publisher", "kafka");
        var build = RelayBuild.Named(ScenarioArguments.String(args, "--relay", RelayBuild.AotUnavailableReason is null ? RelayBuild.AotName : RelayBuild.JitName));
        var hardLimit = TimeSpan.FromSeconds(seconds + 600);
        var ports = HarnessProcess.FreePorts(2);
        var (objectStoragePort, eventsPort) = (ports[0], ports[1]);
        var objectStorageData = args.Contains("--disk") ? Directory.CreateTempSubdirectory("devharness-bench-loop-os-").FullName : null;

        try
        {
            using var stream = await StreamProcess.StartAsync($"{StreamId}={Topic}:3", cancellationToken);
            await using var objectStorage = await EmulatorCommandProcess.StartAsync("objectstorage", objectStoragePort,
                ["--events-url", $"http://127.0.0.1:{eventsPort}/events",
                    .. objectStorageData is null ? Array.Empty<string>() : ["--data-dir", objectStorageData],
                    .. ScenarioArguments.Value(args, "--journal-size") is { } journal ? ["--journal-size", journal] : Array.Empty<string>()],
                hardLimit, cancellationToken);
            await using var relay = await RelayProcess.StartHttpAsync(RelayEnvironment(publisher, objectStorage.Url, stream), cancellationToken, build);
            await using var events = await EmulatorCommandProcess.StartAsync("events", eventsPort,
                ["--target", new Uri(relay.Client.BaseAddress!, "call").ToString(),
                    .. ScenarioArguments.Value(args, "--events-concurrency") is { } lanes ? ["--concurrency", lanes] : Array.Empty<string>()],
                hardLimit, cancellationToken);

            Participant[] memory =
            [
                new("objectstorage", objectStorage.RssBytes, objectStorage.CpuTime),
                new("events", events.RssBytes, events.CpuTime),
                new($"relay ({build.Name})", relay.RssBytes, relay.CpuTime),
                new("stream", stream.RssBytes, () => ProcessUsage.CpuTime(stream.Id)),
                new("bench", () => ProcessUsage.RssBytes(Environment.ProcessId), () => ProcessUsage.CpuTime(Environment.ProcessId)),
            ];
            Console.WriteLine($"loop: started ({publisher} publisher, relay {build.Path}, Object Storage {(objectStorageData is null ? "in memory" : "--data-dir")}); "
                + $"RSS {Describe(memory)}");

            using var uploads = new LoopUploads(objectStorage.Url);
            using var watcher = new TopicWatcher(stream.Bootstrap, Topic, uploads.KeyPrefix);

            // Warm-up (JIT, connections, the broker's segments), drained before the measured run.
            var warmUp = await uploads.RunAsync("warmup", TimeSpan.FromSeconds(30), WarmUpUploads, rate: null, cancellationToken);
            await DrainAsync(watcher, warmUp.Uploads.Count, cancellationToken);

            var before = watcher.TopicSize();
            var completedBefore = watcher.Completed;
            var rssStart = memory.Select(m => m.Rss()).ToArray();
            var cpuStart = memory.Select(m => m.Cpu()).ToArray();
            var loadStart = MachineLoad.Describe();
            var run = await uploads.RunAsync("run", TimeSpan.FromSeconds(seconds), int.MaxValue, rate, cancellationToken);
            var loadEnd = MachineLoad.Describe();
            await DrainAsync(watcher, completedBefore + run.Uploads.Count, cancellationToken);
            var rssEnd = memory.Select(m => m.Rss()).ToArray();
            var cpu = memory.Select((m, i) => m.Cpu() - cpuStart[i]).ToArray();
            var after = watcher.TopicSize();

            var delivered = run.Uploads.Select(u => (Upload: u, At: watcher.CompletedAt(u.Key))).Where(d => d.At is not null).ToList();
            var lost = run.Uploads.Count - delivered.Count + watcher.Misordered;
            var latencies = delivered.Select(d => Stopwatch.GetElapsedTime(d.Upload.Started, d.At!.Value).TotalMilliseconds).Order().ToArray();
            var putLatencies = run.Uploads.Select(u => Stopwatch.GetElapsedTime(u.Started, u.Answered).TotalMilliseconds).Order().ToArray();
            var span = delivered.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(run.Uploads[0].Started, delivered.Max(d => d.At!.Value));
            var perSecond = span > TimeSpan.Zero ? delivered.Count / span.TotalSeconds : 0;
            var p50 = latencies.Length == 0 ? double.NaN : ScenarioArguments.Percentile(latencies, 0.5);
            var p99 = latencies.Length == 0 ? double.NaN : ScenarioArguments.Percentile(latencies, 0.99);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loop: {(rate is { } fixedRate ? $"open loop at {fixedRate}/s" : $"closed loop, {LoopUploads.Clients} clients")} for {seconds} s, load average {loadStart} → {loadEnd}: "
                + $"{run.Uploads.Count} PutObject acknowledged ({run.Uploads.Count / run.Elapsed.TotalSeconds:F0}/s, p50 {Percentile(putLatencies, 0.5):F1} ms, p99 {Percentile(putLatencies, 0.99):F1} ms), "
                + $"{run.Failures.Count} failed; {delivered.Count} pairs readable in {span.TotalSeconds:F1} s; "
                + $"topic grew by {after - before} (expected {2L * run.Uploads.Count}); {watcher.Misordered} out of order, {watcher.Duplicates} duplicates"));
            Console.WriteLine($"loop: RSS at run start {Describe(memory, rssStart)}; at end {Describe(memory, rssEnd)}");
            Console.WriteLine("loop: CPU per upload (run and drain): " + string.Join(", ", memory.Select((m, i) =>
                string.Create(CultureInfo.InvariantCulture, $"{m.Name} {cpu[i].TotalMilliseconds / Math.Max(1, run.Uploads.Count):F2} ms")))
                + string.Create(CultureInfo.InvariantCulture, $" (all: {cpu.Sum(c => c.TotalSeconds):F1} CPU s over {span.TotalSeconds:F1} s)"));
            if (run.Failures.Count > 0)
            {
                await Console.Error.WriteLineAsync("first PutObject failure: " + run.Failures[0]);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loop: {perSecond:F0} uploads/s, p50 {p50:F1} ms, p99 {p99:F1} ms, lost {lost}"));
            return lost == 0 && run.Failures.Count == 0 && after - before == 2L * run.Uploads.Count ? 0 : 1;
        }
        finally
        {
            if (objectStorageData is not null)
            {
                Directory.Delete(objectStorageData, recursive: true);
            }
        }
    }

    /// <summary>The relay's settings as the AppHost gives them (HarnessTopology.WithRelayEnvironment), logging warnings only.</summary>
    private static Dictionary<string, string?> RelayEnvironment(string publisher, Uri objectStorage, StreamProcess stream) => new()
    {
        ["Relay__Publisher"] = publisher,
        ["Oci__Auth"] = "none",
        ["ObjectStorage__Endpoint"] = objectStorage.ToString(),
        ["Stream__BootstrapServers"] = stream.Bootstrap,
        ["Stream__Topic"] = Topic,
        ["Stream__Endpoint"] = stream.FacadeUrl.ToString(),
        ["Stream__StreamId"] = StreamId,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>Waits until <paramref name="expected"/> pairs have been read, or nothing new arrived for <see cref="DrainStall"/>.</summary>
    private static async Task DrainAsync(TopicWatcher watcher, long expected, CancellationToken cancellationToken)
    {
        var last = watcher.Completed;
        var progress = Stopwatch.StartNew();
        while (watcher.Completed < expected && progress.Elapsed < DrainStall)
        {
            await Task.Delay(20, cancellationToken);
            if (watcher.Completed != last)
            {
                last = watcher.Completed;
                progress.Restart();
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : ScenarioArguments.Percentile(sorted, p);

    private static string Describe(Participant[] memory) => Describe(memory, [.. memory.Select(m => m.Rss())]);

    private static string Describe(Participant[] memory, long[] rss) =>
        string.Join(", ", memory.Select((m, i) => $"{m.Name} {ProcessUsage.Mib(rss[i])}"));
}
