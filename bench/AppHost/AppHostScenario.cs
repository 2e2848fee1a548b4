using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using DevHarness.Oci.ObjectStorage;

namespace DevHarness.Benchmarks.AppHost;

/// <summary>
/// <c>apphost [--uploads N] [--concurrency C] [--kafka embedded|container]</c>: runs
/// <c>dotnet run --no-build --project src/AppHost</c> on free ports, reports the time from that command to
/// every resource answering <c>/health</c> (and the topic visible on the Kafka port), then uploads N small
/// objects through the Object Storage emulator (after an unmeasured warm-up round of C) and reports, per object, the time from the start of its
/// PutObject to both of its messages (event and data) being readable by a Kafka consumer: p50/p90/p99/max.
/// </summary>
internal sealed class AppHostScenario : IScenario
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);

    public string Name => "apphost";

    public string Description => "Harness start to all resources healthy; upload → both messages visible (p50/p99)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var uploads = ScenarioArguments.Int(args, "--uploads", 200);
        var concurrency = ScenarioArguments.Int(args, "--concurrency", 8);
        var kafka = ScenarioArguments.String(args, "--kafka", "embedded");
        var ports = HarnessProcess.FreePorts(5);
        await using var harness = HarnessProcess.Start(ports, kafka);
        var ready = await harness.WaitReadyAsync(ReadyTimeout, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start → all resources healthy: {ready.TotalSeconds:F1} s (dotnet run --no-build, --kafka {kafka})"));

        var latencies = await MeasureUploadsAsync(harness, uploads, concurrency, cancellationToken);
        Console.WriteLine($"over {uploads} uploads ({concurrency} at a time):");
        Console.WriteLine("  upload → event and data visible to a consumer: " + Summary(latencies.Visible));
        // The relay stamps each message when it produces it: the part of the above spent before the broker.
        Console.WriteLine("  upload → data message produced by the relay:   " + Summary(latencies.Produced));
        Console.WriteLine("  PutObject answered:                            " + Summary(latencies.PutObject));
        return 0;
    }

    private static async Task<UploadLatencies> MeasureUploadsAsync(HarnessProcess harness, int uploads, int concurrency, CancellationToken cancellationToken)
    {
        var prefix = $"bench-{Guid.NewGuid():N}/";
        var keyPrefix = KeyOf(prefix);
        var uploaded = new Dictionary<string, UploadTiming>(StringComparer.Ordinal);
        var seen = new Dictionary<string, (int Count, long At, long ProducedMs)>(StringComparer.Ordinal);
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = harness.KafkaBootstrap,
            GroupId = "devharness-bench-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            // The embedded broker answers a fetch only when its wait runs out, not when data arrives: with
            // the default 500 ms the figure would mostly measure this consumer's poll cadence.
            FetchWaitMaxMs = 5,
        }).Build();
        var positions = Enumerable.Range(0, 3)
            .Select(p => new TopicPartition("relay", p))
            .Select(tp => new TopicPartitionOffset(tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High))
            .ToList();
        consumer.Assign(positions);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Factory.StartNew(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(50));
                    if (result?.Message.Key is { } key && key.StartsWith(keyPrefix, StringComparison.Ordinal))
                    {
                        var at = Stopwatch.GetTimestamp();
                        lock (seen)
                        {
                            seen[key] = (seen.GetValueOrDefault(key).Count + 1, at, result.Message.Timestamp.UnixTimestampMs);
                        }
                    }
                }
            },
            TaskCreationOptions.LongRunning);

        using var http = new HttpClient { BaseAddress = new Uri(harness.ObjectStorageUrl) };
        var client = new ObjectStorageClient(http);

        // Warm-up round, not measured: until it is through, the consumer may still be connecting and the
        // relay still JIT-compiling, which would add a one-off second to every figure of a short burst.
        var warmUp = await UploadRoundAsync(client, prefix + "warmup/", concurrency, concurrency, timings: null, cancellationToken);
        await WaitForBothMessagesAsync(seen, warmUp, cancellationToken);

        var keys = await UploadRoundAsync(client, prefix + "measured/", uploads, concurrency, uploaded, cancellationToken);
        await WaitForBothMessagesAsync(seen, keys, cancellationToken);
        await stop.CancelAsync();
        await reader;
        lock (seen)
        {
            return new UploadLatencies(
                [.. keys.Select(key => Stopwatch.GetElapsedTime(uploaded[key].Started, seen[key].At).TotalMilliseconds).Order()],
                [.. keys.Select(key => (double)(seen[key].ProducedMs - uploaded[key].StartedUnixMs)).Order()],
                [.. keys.Select(key => uploaded[key].AnsweredMs).Order()]);
        }
    }

    /// <summary>
    /// Uploads <paramref name="count"/> ~1 KiB objects, <paramref name="concurrency"/> at a time; returns their
    /// stream keys and, into <paramref name="timings"/> when given, when each started and how long PutObject took.
    /// </summary>
    private static async Task<List<string>> UploadRoundAsync(
        ObjectStorageClient client, string prefix, int count, int concurrency, Dictionary<string, UploadTiming>? timings, CancellationToken cancellationToken)
    {
        var names = Enumerable.Range(0, count).Select(i => $"{prefix}{i:D5}.json").ToList();
        await Parallel.ForEachAsync(
            names.Select((name, index) => (name, index)),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                using var body = new MemoryStream(Encoding.UTF8.GetBytes($"{{\"index\":{item.index},\"padding\":\"{new string('x', 1000)}\"}}"));
                var started = Stopwatch.GetTimestamp();
                var startedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                await client.PutObjectAsync("devharness", "uploads", item.name, body, new PutObjectOptions(ContentType: "application/json"), ct);
                if (timings is not null)
                {
                    lock (timings)
                    {
                        timings[KeyOf(item.name)] = new UploadTiming(started, startedUnixMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            });
        return [.. names.Select(KeyOf)];
    }

    /// <summary>The relay's message key for an object in the default namespace and bucket.</summary>
    private static string KeyOf(string objectName) => "devharness/uploads/" + objectName;

    private static async Task WaitForBothMessagesAsync(Dictionary<string, (int Count, long At, long ProducedMs)> seen, List<string> keys, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            int complete;
            lock (seen)
            {
                complete = keys.Count(key => seen.TryGetValue(key, out var entry) && entry.Count >= 2);
            }

            if (complete == keys.Count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"only {complete} of {keys.Count} objects had both messages after two minutes");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static string Summary(double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {ScenarioArguments.Percentile(sorted, 0.50):F1} ms, p90 {ScenarioArguments.Percentile(sorted, 0.90):F1} ms, p99 {ScenarioArguments.Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms");
}

/// <summary>Per measured upload, sorted: until both messages were consumed, until the relay produced the last one, until PutObject answered.</summary>
internal sealed record UploadLatencies(double[] Visible, double[] Produced, double[] PutObject);

/// <summary>One measured upload: its start (Stopwatch and wall clock, the latter to compare with message timestamps) and PutObject's duration.</summary>
internal sealed record UploadTiming(long Started, long StartedUnixMs, double AnsweredMs);
