using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using DevHarness.Emulators.Streaming;
using DevHarness.Emulators.Streaming.Backends.ExternalKafka;
using DevHarness.Oci;
using DevHarness.Oci.Streaming;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHarness.Benchmarks.Streaming;

/// <summary>
/// Messages per second through the stream stand-in, 1 KiB each: produced and consumed with Kafka
/// (Confluent.Kafka), and put and got through the OCI Streaming REST facade (which reads and writes the
/// embedded broker's log in-process, or an external Kafka through clients with <c>--kafka</c>). Each round
/// writes a block of messages and reads it back.
/// <c>dotnet run -c Release --project bench -- stream-throughput [--rounds 10] [--kafka BOOTSTRAP]</c>
/// </summary>
internal sealed class StreamThroughputScenario : IScenario
{
    private const int MessageBytes = 1024;
    private const int Partitions = 3;
    private const int PerPartitionPerRound = 4000;
    private const int PerRound = Partitions * PerPartitionPerRound;
    private const int PutBatch = 500;
    private const int PutClients = 4;

    public string Name => "stream-throughput";

    public string Description => "1 KiB msgs/s produced and consumed via Kafka and via the REST facade (embedded broker or --kafka)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = ScenarioArguments.Int(args, "--rounds", 10);
        var external = ScenarioArguments.Value(args, "--kafka");
        var topic = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var definition = new StreamDefinition("ocid1.stream.oc1.local.bench", topic, Partitions);
        await using var emulator = await StreamEmulator.StartAsync(
            new StreamEmulatorOptions { Port = 0, KafkaPort = 0, KafkaBootstrap = external, Streams = [definition] },
            NullLoggerFactory.Instance, cancellationToken);
        Console.WriteLine($"broker {(external is null ? "embedded" : external)} at {emulator.BootstrapServers}, facade {emulator.FacadeUrl}, {Partitions} partitions, {rounds} rounds of {PerRound:N0} x 1 KiB");

        var value = new byte[MessageBytes];
        Random.Shared.NextBytes(value);
        var kafka = new Figures("Kafka (Confluent.Kafka)");
        var rest = new Figures("REST facade (PutMessages / GetMessages)");
        using var producer = new ProducerBuilder<byte[]?, byte[]>(KafkaPublisher.Config(emulator.BootstrapServers)).Build();
        using var http = new HttpClient { BaseAddress = emulator.FacadeUrl, Timeout = TimeSpan.FromMinutes(2) };
        using var marks = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = emulator.BootstrapServers, GroupId = "bench-watermarks" }).Build();
        var ends = new long[Partitions];

        for (var round = 0; round < rounds; round++)
        {
            kafka.Produced += Time(() => ProduceKafka(producer, topic, value));
            kafka.Consumed += Time(() => ConsumeKafka(emulator.BootstrapServers, topic, ends));
            ends = Ends(marks, topic);

            rest.Produced += await TimeAsync(() => PutRest(http, definition.Ocid, value, cancellationToken));
            rest.Consumed += await TimeAsync(() => GetRest(http, definition.Ocid, ends, cancellationToken));
            ends = Ends(marks, topic);
        }

        var total = (double)rounds * PerRound;
        Console.WriteLine();
        Console.WriteLine($"{"path",-42} {"produced msg/s",16} {"consumed msg/s",16}");
        foreach (var f in new[] { kafka, rest })
        {
            Console.WriteLine($"{f.Path,-42} {total / f.Produced.TotalSeconds,16:N0} {total / f.Consumed.TotalSeconds,16:N0}");
        }
        Console.WriteLine($"({total:N0} messages each way per path; {Environment.ProcessorCount} cores, shared; load average {MachineLoad.Describe()}; {(Debugger.IsAttached ? "debugger attached" : "no debugger")})");

        var single = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            single.Add(await MillisecondsAsync(() => PutOne(http, definition.Ocid, value, cancellationToken)));
        }
        var sorted = single.Order().ToArray();
        Console.WriteLine($"single-message PutMessages: p50 {ScenarioArguments.Percentile(sorted, 0.5):F2} ms, p99 {ScenarioArguments.Percentile(sorted, 0.99):F2} ms");

        for (var round = 0; round < 3; round++)
        {
            var cursors = await Task.WhenAll(Enumerable.Range(0, 8).Select(p => MillisecondsAsync(() => CreateCursor(http, definition.Ocid, p % Partitions, cancellationToken))));
            Console.WriteLine($"8 concurrent CreateCursor, round {round + 1}: slowest {cursors.Max():F1} ms, fastest {cursors.Min():F1} ms");
        }
        return 0;
    }

    private static async Task PutOne(HttpClient http, string streamId, byte[] value, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"20180418/streams/{streamId}/messages",
            new PutMessagesDetails([new PutMessagesDetailsEntry("one"u8.ToArray(), value)]), OciJsonContext.Default.PutMessagesDetails, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task CreateCursor(HttpClient http, string streamId, int partition, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"20180418/streams/{streamId}/cursors",
            new CreateCursorDetails(partition.ToString(CultureInfo.InvariantCulture), CursorType.TrimHorizon), OciJsonContext.Default.CreateCursorDetails, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<double> MillisecondsAsync(Func<Task> action) => (await TimeAsync(action)).TotalMilliseconds;

    private static void ProduceKafka(IProducer<byte[]?, byte[]> producer, string topic, byte[] value)
    {
        for (var i = 0; i < PerRound; i++)
        {
            var message = new Message<byte[]?, byte[]> { Key = null, Value = value };
            // Round-robin by explicit partition so every partition gets the same share.
            producer.Produce(new TopicPartition(topic, i % Partitions), message);
        }
        producer.Flush(TimeSpan.FromMinutes(1));
    }

    private static void ConsumeKafka(string bootstrap, string topic, long[] from)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "bench-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, from[p])));
        var read = 0;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (read < PerRound)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Kafka consumer read {read} of {PerRound} messages.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false })
            {
                read++;
            }
        }
        consumer.Close();
    }

    private static async Task PutRest(HttpClient http, string streamId, byte[] value, CancellationToken cancellationToken)
    {
        // Keys spread messages over partitions by the murmur2 partitioner; one batch is ~500 KiB (< 1 MiB).
        var batches = Enumerable.Range(0, PerRound / PutBatch).ToList();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, PutClients).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches.Count)
            {
                var entries = Enumerable.Range(0, PutBatch)
                    .Select(i => new PutMessagesDetailsEntry(BitConverter.GetBytes((batch * PutBatch) + i), value)).ToList();
                using var response = await http.PostAsJsonAsync($"20180418/streams/{streamId}/messages", new PutMessagesDetails(entries), OciJsonContext.Default.PutMessagesDetails, cancellationToken);
                response.EnsureSuccessStatusCode();
                var result = (await response.Content.ReadFromJsonAsync(OciJsonContext.Default.PutMessagesResult, cancellationToken))!;
                if (result.Failures > 0)
                {
                    throw new InvalidOperationException($"{result.Failures} PutMessages entries failed: {result.Entries.First(e => !e.IsSuccess).ErrorMessage}");
                }
            }
        }));
    }

    private static async Task GetRest(HttpClient http, string streamId, long[] from, CancellationToken cancellationToken)
    {
        var totals = await Task.WhenAll(Enumerable.Range(0, Partitions).Select(async p =>
        {
            using var created = await http.PostAsJsonAsync($"20180418/streams/{streamId}/cursors",
                new CreateCursorDetails(p.ToString(CultureInfo.InvariantCulture), CursorType.AtOffset, from[p]), OciJsonContext.Default.CreateCursorDetails, cancellationToken);
            created.EnsureSuccessStatusCode();
            var cursor = (await created.Content.ReadFromJsonAsync(OciJsonContext.Default.Cursor, cancellationToken))!.Value;
            var count = 0;
            while (true)
            {
                using var response = await http.GetAsync($"20180418/streams/{streamId}/messages?limit=10000&cursor={Uri.EscapeDataString(cursor)}", cancellationToken);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var messages = (await JsonSerializer.DeserializeAsync(body, OciJsonContext.Default.ListMessage, cancellationToken))!;
                if (messages.Count == 0)
                {
                    return count;
                }
                count += messages.Count;
                cursor = response.Headers.GetValues("opc-next-cursor").Single();
            }
        }));
        var read = totals.Sum();
        if (read != PerRound)
        {
            throw new InvalidOperationException($"GetMessages read {read} of {PerRound} messages.");
        }
    }

    private static long[] Ends(IConsumer<Ignore, Ignore> marks, string topic) =>
        [.. Enumerable.Range(0, Partitions).Select(p => marks.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value)];

    private static TimeSpan Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started);
    }

    private sealed class Figures(string path)
    {
        public string Path { get; } = path;

        public TimeSpan Produced { get; set; }

        public TimeSpan Consumed { get; set; }
    }
}
