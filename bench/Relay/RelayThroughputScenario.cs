using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using DevHarness.Benchmarks.Loop;
using DevHarness.Emulators.Replay;
using DevHarness.Support;

namespace DevHarness.Benchmarks.Relay;

/// <summary>
/// <c>relay-throughput [--events N] [--concurrency C] [--publisher kafka|rest|kafka,rest] [--fn] [--relay jit|aot|path]</c>: drives a warm relay (the JIT build by default)
/// with the <see cref="Replayer"/> (the <c>replay</c> command's engine, as the events emulator would: C calls
/// in flight, each a createobject event for the 1 KiB object with a fresh eventID) and reports events/s, the
/// call latency percentiles under that load, and the relay's CPU time per call (the emulators behind it run in
/// the bench's own process, with the replayer). Nothing lost means every call answered 200 and the topic grew by
/// exactly two messages per event (read from the broker's high watermarks, so the embedded broker's trimming
/// of old messages cannot hide or fake a loss).
/// </summary>
internal sealed class RelayThroughputScenario : IScenario
{
    public string Name => "relay-throughput";

    public string Description => "Events/s through events-style calls → relay → broker, relay CPU per call, nothing lost (2 messages per event)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var events = ScenarioArguments.Int(args, "--events", 20000);
        var concurrency = ScenarioArguments.Int(args, "--concurrency", 16);
        var publishers = ScenarioArguments.String(args, "--publisher", "kafka").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var fnMode = args.Contains("--fn");
        var build = RelayBuild.Named(ScenarioArguments.String(args, "--relay", RelayBuild.JitName));
        var exitCode = 0;
        foreach (var publisher in publishers)
        {
            var figure = await MeasureAsync(publisher, fnMode, build, events, concurrency, cancellationToken);
            Console.WriteLine(figure.Describe());
            if (!figure.NothingLost)
            {
                exitCode = 1;
            }
        }

        return exitCode;
    }

    /// <summary>One warm relay under <paramref name="concurrency"/> calls in flight for <paramref name="events"/> events, after a warm-up.</summary>
    public static async Task<RelayThroughputFigure> MeasureAsync(
        string publisher, bool fnMode, RelayBuild build, int events, int concurrency, CancellationToken cancellationToken)
    {
        await using var bed = await RelayBenchBed.StartAsync(cancellationToken);
        await using var relay = await bed.StartRelayAsync(publisher, fnMode, build, cancellationToken);
        var target = fnMode ? "unix:" + relay.SocketPath : new Uri(relay.Client.BaseAddress!, "call").ToString();
        var fixture = Fixture();

        // Warm-up (JIT, connections), not counted.
        await Replay(target, fixture, Math.Min(events, 1000), concurrency, cancellationToken);

        var before = TopicSize(bed.Stream.BootstrapServers, bed.Stream.Streams[0].Name);
        var relayCpu = relay.CpuTime();
        var benchCpu = ProcessUsage.CpuTime(Environment.ProcessId);
        var summary = await Replay(target, fixture, events, concurrency, cancellationToken);
        relayCpu = relay.CpuTime() - relayCpu;
        benchCpu = ProcessUsage.CpuTime(Environment.ProcessId) - benchCpu;
        var after = TopicSize(bed.Stream.BootstrapServers, bed.Stream.Streams[0].Name);

        var latencies = summary.Results.Select(r => r.Latency.TotalMilliseconds).Order().ToArray();
        return new RelayThroughputFigure(
            publisher, fnMode, build, events, concurrency, events / summary.Elapsed.TotalSeconds,
            ScenarioArguments.Percentile(latencies, 0.5), ScenarioArguments.Percentile(latencies, 0.99),
            summary.Results.Count(r => !r.Succeeded), summary.Results.FirstOrDefault(r => !r.Succeeded)?.Error, after - before,
            relayCpu.TotalMilliseconds / events, benchCpu.TotalMilliseconds / events, MachineLoad.Describe());
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

/// <summary>
/// What one relay-throughput run measured: events/s, call latency (ms), failures, the topic's growth, and CPU
/// time per call (ms) of the relay and of the bench's own process (the in-process emulators and the replayer).
/// </summary>
internal sealed record RelayThroughputFigure(
    string Publisher, bool FnMode, RelayBuild Build, int Events, int Concurrency, double PerSecond, double P50, double P99,
    int Failed, string? FirstError, long TopicGrowth, double RelayCpuPerCall, double BenchCpuPerCall, string Load)
{
    /// <summary>Every call answered 200 and the topic grew by exactly two messages per event.</summary>
    public bool NothingLost => Failed == 0 && TopicGrowth == 2L * Events;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"relay throughput ({(FnMode ? "Fn mode" : "HTTP mode")}, {Publisher} publisher, {Build.Path}, {Events} events, {Concurrency} in flight, load average {Load}): "
        + $"{PerSecond:F0} events/s; call latency p50 {P50:F1} ms, p99 {P99:F1} ms; CPU per call: relay {RelayCpuPerCall:F2} ms, "
        + $"bench (emulators + replayer) {BenchCpuPerCall:F2} ms; {Failed} failed{(FirstError is null ? "" : $" (first: {FirstError})")}; "
        + $"topic grew by {TopicGrowth} messages (expected {2L * Events})");
}
