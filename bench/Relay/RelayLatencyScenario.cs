using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Streaming;
using DevHarness.Relay.Configuration;
using DevHarness.Relay.Publishing;

namespace DevHarness.Benchmarks.Relay;

/// <summary>
/// <c>relay-latency [--events N] [--warmup W] [--publisher rest|kafka] [--fn] [--builds jit,aot] [--large-mib M]</c>:
/// for each relay build, a warm relay gets one event at a time for a 1 KiB object (GetObject from the emulator,
/// event + data published and acknowledged): <c>POST /call</c> latency p50/p90/p99/max and the relay's peak RSS
/// over those calls; then one object of M MiB (default 300) relayed inline, and the peak RSS during it. The
/// <em>backend floor</em> is the same GetObject and publish made directly from the bench over warm
/// connections: what the emulators cost, so the relay's own share is the difference.
/// </summary>
internal sealed class RelayLatencyScenario : IScenario
{
    public string Name => "relay-latency";

    public string Description => "Warm relay latency for 1 KiB objects (p50/p99) and peak RSS, 1 KiB and a 300 MiB object; JIT and AOT";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var events = ScenarioArguments.Int(args, "--events", 2000);
        var warmup = ScenarioArguments.Int(args, "--warmup", 200);
        var publisher = ScenarioArguments.String(args, "--publisher", "rest");
        var fnMode = args.Contains("--fn");
        var largeMiB = ScenarioArguments.Int(args, "--large-mib", 300);
        var builds = RelayBuildsArgument.Parse(args);
        await using var bed = await RelayBenchBed.StartAsync(cancellationToken);
        if (largeMiB > 0)
        {
            await bed.UploadLargeObjectAsync(largeMiB * 1024L * 1024, cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay warm latency, 1 KiB object ({(fnMode ? "Fn mode" : "HTTP mode")}, {publisher} publisher, {events} events after {warmup} warm-up, one at a time):"));
        var (floor, read, publish) = await BackendFloorAsync(bed, publisher, events, warmup, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  backend floor (GetObject + publish from the bench, warm): {Percentiles(floor)}; of which GetObject p50 "
            + $"{ScenarioArguments.Percentile(read, 0.5):F2} ms, publish p50 {ScenarioArguments.Percentile(publish, 0.5):F2} ms; load average {MachineLoad.Describe()}"));

        foreach (var build in builds)
        {
            await using var relay = await bed.StartRelayAsync(publisher, fnMode, build, cancellationToken);
            var latencies = new double[events];
            for (var i = -warmup; i < events; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await relay.Client.PostAsync("call", new ByteArrayContent(RelayBenchBed.Event()), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"{build.Name} event {i}: {(int)response.StatusCode}");
                    return 1;
                }

                if (i >= 0)
                {
                    latencies[i] = elapsed;
                }
            }

            var smallPeak = relay.PeakRssBytes() / 1048576.0;
            var large = "";
            if (largeMiB > 0)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await relay.Client.PostAsync("call", new ByteArrayContent(RelayBenchBed.Event(RelayBenchBed.LargeObjectName)), cancellationToken);
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"{build.Name} large object: {(int)response.StatusCode} {answer}");
                    return 1;
                }

                large = string.Create(CultureInfo.InvariantCulture,
                    $"; {largeMiB} MiB object relayed in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s, peak RSS {relay.PeakRssBytes() / 1048576.0:F1} MiB");
            }

            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {build.Name,-4} {Percentiles(latencies)} (p50 − floor p50: {ScenarioArguments.Percentile(latencies, 0.5) - ScenarioArguments.Percentile(floor, 0.5):F2} ms); "
                + $"peak RSS over the 1 KiB calls {smallPeak:F1} MiB{large}; load average {MachineLoad.Describe()}  ({build.Path})"));
        }

        return 0;
    }

    private static string Percentiles(double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {ScenarioArguments.Percentile(sorted, 0.50):F2} ms, p90 {ScenarioArguments.Percentile(sorted, 0.90):F2} ms, "
        + $"p99 {ScenarioArguments.Percentile(sorted, 0.99):F2} ms, max {sorted[^1]:F2} ms");

    /// <summary>
    /// The relay's backend calls for one 1 KiB event, made by the bench: GetObject read to the end, then the event
    /// and a data message of the relay's size published and acknowledged (PutMessages, or two Kafka deliveries).
    /// </summary>
    private static async Task<(double[] Total, double[] Read, double[] Publish)> BackendFloorAsync(RelayBenchBed bed, string publisher, int events, int warmup, CancellationToken cancellationToken)
    {
        using var objectHttp = new HttpClient { BaseAddress = bed.ObjectStorage.Url };
        using var streamHttp = new HttpClient { BaseAddress = bed.Stream.FacadeUrl };
        var objects = new ObjectStorageClient(objectHttp);
        var streams = new StreamClient(streamHttp);
        var settings = new RelaySettings { BootstrapServers = bed.Stream.BootstrapServers, Topic = bed.Stream.Streams[0].Name };
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaStreamPublisher.Config(settings)).Build();
        var key = "devharness/uploads/"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(RelayBenchBed.ObjectName)).ToArray();
        var data = new byte[1800];
        Random.Shared.NextBytes(data);

        var latencies = new double[events];
        var reads = new double[events];
        var publishes = new double[events];
        for (var i = -warmup; i < events; i++)
        {
            var evt = RelayBenchBed.Event();
            var started = Stopwatch.GetTimestamp();
            await using (var response = await objects.GetObjectAsync("devharness", "uploads", RelayBenchBed.ObjectName, cancellationToken: cancellationToken))
            {
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            var read = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            if (publisher == "rest")
            {
                await streams.PutMessagesAsync(bed.Stream.Streams[0].Ocid,
                    new PutMessagesDetails([new PutMessagesDetailsEntry(key, evt), new PutMessagesDetailsEntry(key, data)]), cancellationToken);
            }
            else
            {
                var first = producer.ProduceAsync(settings.Topic, new Message<byte[], byte[]> { Key = key, Value = evt }, cancellationToken);
                var second = producer.ProduceAsync(settings.Topic, new Message<byte[], byte[]> { Key = key, Value = data }, cancellationToken);
                await Task.WhenAll(first, second);
            }

            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                reads[i] = read;
                publishes[i] = latencies[i] - read;
            }
        }

        Array.Sort(latencies);
        Array.Sort(reads);
        Array.Sort(publishes);
        return (latencies, reads, publishes);
    }
}
