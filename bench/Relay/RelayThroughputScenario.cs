using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using DevHarness.Emulators.Replay;
using DevHarness.Support;

namespace DevHarness.Benchmarks.Relay;

/// <summary>
/// <c>relay-throughput [--events N] [--concurrency C] [--publisher kafka|rest] [--fn] [--relay jit|aot|path]</c>: drives a warm relay (the JIT build by default)
/// with the <see cref="Replayer"/> (the <c>replay</c> command's engine, as the events emulator would: C calls
/// in flight, each a createobject event for the 1 KiB object with a fresh eventID) and reports events/s and the
/// call latency percentiles under that load. Nothing lost means every call answered 200 and the topic grew by
/// exactly two messages per event (read from the broker's high watermarks, so the embedded broker's trimming
/// of old messages cannot hide or fake a loss).
/// </summary>
internal sealed class RelayThroughputScenario : IScenario
{
    public string Name => "relay-throughput";

    public string Description => "Events/s through events-style calls → relay → broker, nothing lost (2 messages per event)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var events = ScenarioArguments.Int(args, "--events", 20000);
        var concurrency = ScenarioArguments.Int(args, "--concurrency", 16);
        var publisher = ScenarioArguments.String(args, "--publisher", "kafka");
        var fnMode = args.Contains("--fn");
        var build = RelayBuild.Named(ScenarioArguments.String(args, "--relay", RelayBuild.JitName));
        await using var bed = await RelayBenchBed.StartAsync(cancellationToken);
        await using var relay = await bed.StartRelayAsync(publisher, fnMode, build, cancellationToken);
        var target = fnMode ? "unix:" + relay.SocketPath : new Uri(relay.Client.BaseAddress!, "call").ToString();
        var fixture = Fixture();

        // Warm-up (JIT, connections), not counted.
        await Replay(target, fixture, Math.Min(events, 1000), concurrency, cancellationToken);

        var before = TopicSize(bed.Stream.BootstrapServers, bed.Stream.Streams[0].Name);
        var summary = await Replay(target, fixture, events, concurrency, cancellationToken);
        var after = TopicSize(bed.Stream.BootstrapServers, bed.Stream.Streams[0].Name);

        var failed = summary.Results.Count(r => !r.Succeeded);
        var latencies = summary.Results.Select(r => r.Latency.TotalMilliseconds).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay throughput ({(fnMode ? "Fn mode" : "HTTP mode")}, {publisher} publisher, {build.Path}, {events} events, {concurrency} in flight, load average {MachineLoad.Describe()}): "
            + $"{events / summary.Elapsed.TotalSeconds:F0} events/s; call latency p50 {ScenarioArguments.Percentile(latencies, 0.5):F1} ms, "
            + $"p99 {ScenarioArguments.Percentile(latencies, 0.99):F1} ms; {failed} failed; topic grew by {after - before} messages (expected {2L * events})"));
        if (failed > 0)
        {
            await Console.Error.WriteLineAsync("first failure: " + summary.Results.First(r => !r.Succeeded).Error);
        }

        return failed == 0 && after - before == 2L * events ? 0 : 1;
    }

    private static Task<ReplaySummary> Replay(string target, FixtureEvent fixture, int events, int concurrency, CancellationToken cancellationToken) =>
        new Replayer(new ReplayOptions { Target = target, Concurrency = concurrency, Repeat = events }).RunAsync([fixture], progress: null, cancellationToken);

    /// <summary>The bench's createobject event as a fixture; the replayer gives every repetition after the first a fresh eventID.</summary>
    private static FixtureEvent Fixture()
    {
        var body = RelayBenchBed.Event();
        using var document = JsonDocument.Parse(body);
        var data = document.RootElement.GetProperty("data");
        var details = data.GetProperty("additionalDetails");
        return new FixtureEvent(
            "bench-createobject", body, document.RootElement.GetProperty("eventType").GetString()!,
            details.GetProperty("namespace").GetString(), details.GetProperty("bucketName").GetString(), data.GetProperty("resourceName").GetString());
    }

    /// <summary>Messages ever written to the topic: the sum of its partitions' high watermarks.</summary>
    private static long TopicSize(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "devharness-bench-size" }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        return partitions.Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value);
    }
}
