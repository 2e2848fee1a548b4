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
/// objects through the Object Storage emulator and reports, per object, the time from the start of its
/// PutObject to both of its messages (event and data) being readable by a Kafka consumer: p50/p90/p99/max.
/// </summary>
internal sealed class AppHostScenario : IScenario
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);

    public string Name => "apphost";

    public string Description => "Harness start to all resources healthy; upload → both messages visible (p50/p99)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var uploads = IntArgument(args, "--uploads", 200);
        var concurrency = IntArgument(args, "--concurrency", 8);
        var kafka = StringArgument(args, "--kafka", "embedded");
        var ports = HarnessProcess.FreePorts(5);
        await using var harness = HarnessProcess.Start(ports, kafka);
        var ready = await harness.WaitReadyAsync(ReadyTimeout, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start → all resources healthy: {ready.TotalSeconds:F1} s (dotnet run --no-build, --kafka {kafka})"));

        var latencies = await MeasureUploadsAsync(harness, uploads, concurrency, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"upload → event and data visible over {uploads} uploads ({concurrency} at a time): p50 {Percentile(latencies, 0.50):F1} ms, p90 {Percentile(latencies, 0.90):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms"));
        return 0;
    }

    private static async Task<double[]> MeasureUploadsAsync(HarnessProcess harness, int uploads, int concurrency, CancellationToken cancellationToken)
    {
        var prefix = $"bench-{Guid.NewGuid():N}/";
        var keyPrefix = $"devharness/uploads/{prefix}";
        var started = new Dictionary<string, long>(StringComparer.Ordinal);
        var seen = new Dictionary<string, (int Count, long At)>(StringComparer.Ordinal);
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = harness.KafkaBootstrap,
            GroupId = "devharness-bench-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
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
                            seen[key] = (seen.GetValueOrDefault(key).Count + 1, at);
                        }
                    }
                }
            },
            TaskCreationOptions.LongRunning);

        using var http = new HttpClient { BaseAddress = new Uri(harness.ObjectStorageUrl) };
        var client = new ObjectStorageClient(http);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, uploads),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var name = $"{prefix}{i:D5}.json";
                using var body = new MemoryStream(Encoding.UTF8.GetBytes($"{{\"index\":{i},\"padding\":\"{new string('x', 1000)}\"}}"));
                lock (started)
                {
                    started[$"devharness/uploads/{name}"] = Stopwatch.GetTimestamp();
                }

                await client.PutObjectAsync("devharness", "uploads", name, body, new PutObjectOptions(ContentType: "application/json"), ct);
            });

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            lock (seen)
            {
                if (seen.Count(s => s.Value.Count >= 2) >= uploads)
                {
                    break;
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        await stop.CancelAsync();
        await reader;
        lock (seen)
        {
            var complete = seen.Where(s => s.Value.Count >= 2).ToList();
            if (complete.Count < uploads)
            {
                throw new InvalidOperationException($"only {complete.Count} of {uploads} objects had both messages after two minutes");
            }

            return [.. complete.Select(s => Stopwatch.GetElapsedTime(started[s.Key], s.Value.At).TotalMilliseconds).Order()];
        }
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int IntArgument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string StringArgument(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
