using System.Diagnostics;
using Confluent.Kafka;
using DevHarness.Emulators.Streaming.Backends.ExternalKafka;

namespace DevHarness.Benchmarks.Streaming;

/// <summary>
/// The embedded broker as users meet it, the <c>stream</c> command in a process of its own: kcat producing
/// and consuming 1 KiB messages; the latency from a produce being acknowledged to a waiting consumer
/// receiving it (Confluent.Kafka, default fetch settings); and the broker's resident memory while a
/// gibibyte passes through.
/// <c>dotnet run -c Release --project bench -- stream-broker [--messages 1000000] [--latency 2000] [--gib 1]</c>
/// </summary>
internal sealed class StreamBrokerScenario : IScenario
{
    public string Name => "stream-broker";

    public string Description => "embedded broker: kcat 1 KiB produce/consume msg/s, ack-to-consumer latency, RSS while 1 GiB passes";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var messages = ScenarioArguments.Int(args, "--messages", 1_000_000);
        var latencySamples = ScenarioArguments.Int(args, "--latency", 2000);
        var gibibytes = ScenarioArguments.Int(args, "--gib", 1);
        Console.WriteLine($"load average before: {MachineLoad.Describe()} ({Environment.ProcessorCount} cores, shared machine)");

        using var stream = await StreamProcess.StartAsync("ocid1.stream.oc1.local.bench=bench:1", cancellationToken);
        var input = Path.Combine(Path.GetTempPath(), $"devharness-bench-{Guid.NewGuid():N}.txt");
        try
        {
            // One 1 KiB line per message (1023 characters and the newline kcat splits on).
            var line = new string('m', 1023) + "\n";
            await using (var file = new StreamWriter(input))
            {
                for (var i = 0; i < messages; i++)
                {
                    await file.WriteAsync(line);
                }
            }

            var produce = await TimeAsync(() => Kcat(["-P", "-b", stream.Bootstrap, "-t", "bench", "-X", "acks=all", "-X", "linger.ms=5", "-l", input], cancellationToken));
            var consume = await TimeAsync(() => Kcat(["-C", "-b", stream.Bootstrap, "-t", "bench", "-o", "beginning", "-e", "-q", "-f", "."], cancellationToken));
            Console.WriteLine($"kcat 1 KiB x {messages:N0}: produce {messages / produce.TotalSeconds:N0} msg/s ({produce.TotalSeconds:F1} s), consume {messages / consume.TotalSeconds:N0} msg/s ({consume.TotalSeconds:F1} s); load {MachineLoad.Describe()}");
        }
        finally
        {
            File.Delete(input);
        }

        var (fromAck, fromSend) = Latencies(stream.Bootstrap, latencySamples);
        Console.WriteLine($"produce acknowledged -> waiting consumer, {latencySamples:N0} samples: p50 {ScenarioArguments.Percentile(fromAck, 0.5):F2} ms, p99 {ScenarioArguments.Percentile(fromAck, 0.99):F2} ms, max {fromAck[^1]:F2} ms; load {MachineLoad.Describe()}");
        Console.WriteLine($"produce sent -> waiting consumer (includes the produce round trip): p50 {ScenarioArguments.Percentile(fromSend, 0.5):F2} ms, p99 {ScenarioArguments.Percentile(fromSend, 0.99):F2} ms, max {fromSend[^1]:F2} ms");

        var (before, peak, after) = await RssWhileAGibibytePassesAsync(stream, gibibytes, cancellationToken);
        Console.WriteLine($"broker RSS while {gibibytes} GiB is produced and consumed: {before / 1048576.0:F0} MiB before, peak {peak / 1048576.0:F0} MiB, {after / 1048576.0:F0} MiB after; load {MachineLoad.Describe()}");
        return 0;
    }

    /// <summary>
    /// One message at a time: the time from its delivery report to a consumer (already waiting in a fetch)
    /// receiving it, and from the produce call to that.
    /// </summary>
    private static (double[] FromAck, double[] FromSend) Latencies(string bootstrap, int samples)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(KafkaPublisher.Config(bootstrap)).Build();
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-latency", EnableAutoCommit = false }).Build();
        var partition = new TopicPartition("bench", 0);
        var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High;
        consumer.Assign(new TopicPartitionOffset(partition, end));
        var results = new List<double>(samples);
        var fromSend = new List<double>(samples);
        var value = new byte[1024];
        for (var i = -50; i < samples; i++)
        {
            long acknowledged = 0;
            var sent = Stopwatch.GetTimestamp();
            producer.Produce(partition, new Message<Null, byte[]> { Value = value }, _ => acknowledged = Stopwatch.GetTimestamp());
            var received = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("the consumer got nothing within 10 s");
            var at = Stopwatch.GetTimestamp();
            while (acknowledged == 0)
            {
                producer.Poll(TimeSpan.FromMilliseconds(1));
            }

            if (i >= 0)
            {
                // The consumer may see the message before the producer sees its acknowledgement: that counts as 0.
                results.Add(Math.Max(0, Stopwatch.GetElapsedTime(acknowledged, at).TotalMilliseconds));
                fromSend.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
            }
        }
        return ([.. results.Order()], [.. fromSend.Order()]);
    }

    private static async Task<(long Before, long Peak, long After)> RssWhileAGibibytePassesAsync(StreamProcess stream, int gibibytes, CancellationToken cancellationToken)
    {
        var before = stream.RssBytes();
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, stream.RssBytes());
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);

        const int Size = 64 * 1024;
        var count = gibibytes * 16 * 1024;
        var producing = Task.Run(() =>
        {
            using var producer = new ProducerBuilder<Null, byte[]>(KafkaPublisher.Config(stream.Bootstrap)).Build();
            var value = new byte[Size];
            for (var i = 0; i < count; i++)
            {
                producer.Produce("bench", new Message<Null, byte[]> { Value = value });
            }
            producer.Flush(TimeSpan.FromMinutes(10));
        }, cancellationToken);
        var consuming = Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig { BootstrapServers = stream.Bootstrap, GroupId = "bench-rss", EnableAutoCommit = false }).Build();
            var partition = new TopicPartition("bench", 0);
            consumer.Assign(new TopicPartitionOffset(partition, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High));
            for (var read = 0; read < count;)
            {
                if (consumer.Consume(TimeSpan.FromSeconds(30)) is null)
                {
                    throw new TimeoutException($"the consumer stalled at {read} of {count}");
                }
                read++;
            }
        }, cancellationToken);
        await Task.WhenAll(producing, consuming);
        await sampling.CancelAsync();
        await sampler;
        return (before, peak, stream.RssBytes());
    }

    private static async Task Kcat(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("kcat") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var drain = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await drain;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kcat {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}");
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started);
    }
}
