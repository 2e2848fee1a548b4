using System.Net;
using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using DevHarness.Oci.Streaming.Kafka;

namespace DevHarness.Integration.Streaming;

/// <summary>The stream emulator's embedded broker speaks real Kafka to Confluent.Kafka: produce, consume, groups, offsets, limits.</summary>
public sealed class EmbeddedBrokerKafkaTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProducedMessagesAreConsumedWithIdenticalBytesInOrder()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using var producer = Producer(stream);
        for (var i = 0; i < 100; i++)
        {
            await producer.ProduceAsync(stream.Topic, new Message<byte[]?, byte[]> { Key = Bytes($"k{i}"), Value = Bytes($"v{i}") }, Ct).WaitAsync(Timeout, Ct);
        }

        var consumed = Consume(stream, new TopicPartitionOffset(stream.Topic, 0, 0), 100);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"k{i}:v{i}@{i}"), consumed.Select(r => $"{Text(r.Message.Key)}:{Text(r.Message.Value)}@{r.Offset.Value}"));
    }

    [Fact]
    public async Task KeysLandInStablePartitionsChosenByTheJavaMurmur2Partitioner()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);
        using var producer = Producer(stream);
        var seen = new Dictionary<string, HashSet<int>>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var key in new[] { "devharness/uploads/a.csv", "devharness/uploads/b.csv", "event-key-1", "data-key-1", "x" })
            {
                var report = await producer.ProduceAsync(stream.Topic, new Message<byte[]?, byte[]> { Key = Bytes(key), Value = Bytes("v") }, Ct).WaitAsync(Timeout, Ct);
                Assert.Equal(JavaPartitioner.PartitionFor(Bytes(key), 3), report.Partition.Value);
                (seen.TryGetValue(key, out var set) ? set : seen[key] = []).Add(report.Partition.Value);
            }
        }

        Assert.All(seen.Values, partitions => Assert.Single(partitions));
        Assert.True(seen.Values.Select(p => p.Single()).Distinct().Count() > 1, "five keys should not all hash to one partition");
    }

    [Fact]
    public async Task ConsumerGroupMembersSharePartitionsAndRebalanceWhenOneLeaves()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);
        var group = "g-" + Guid.NewGuid().ToString("N");
        using var first = GroupConsumer(stream, group);
        using var second = GroupConsumer(stream, group);
        first.Subscribe(stream.Topic);
        second.Subscribe(stream.Topic);

        await PollUntilAsync([first, second], () => first.Assignment.Count > 0 && second.Assignment.Count > 0 && first.Assignment.Count + second.Assignment.Count == 3);
        Assert.Empty(first.Assignment.Intersect(second.Assignment));

        second.Close();
        await PollUntilAsync([first], () => first.Assignment.Count == 3);
        Assert.Equal([0, 1, 2], first.Assignment.Select(p => p.Partition.Value).Order());
    }

    [Fact]
    public async Task CommittedOffsetsAreResumedByTheNextMemberOfTheGroup()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using (var producer = Producer(stream))
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(stream.Topic, new Message<byte[]?, byte[]> { Value = Bytes($"m{i}") }, Ct).WaitAsync(Timeout, Ct);
            }
        }

        var group = "g-" + Guid.NewGuid().ToString("N");
        using (var consumer = GroupConsumer(stream, group))
        {
            consumer.Subscribe(stream.Topic);
            var read = ConsumeFrom(consumer, 5);
            consumer.Commit(read[^1]);
            consumer.Close();
        }

        using var resumed = GroupConsumer(stream, group);
        resumed.Subscribe(stream.Topic);
        var next = ConsumeFrom(resumed, 1).Single();
        Assert.Equal(5, next.Offset.Value);
        Assert.Equal("m5", Text(next.Message.Value));
        resumed.Close();
    }

    [Fact]
    public async Task OneMebibyteMessagesRoundTrip()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        // OCI's limit counts key and value together: "big" plus this value is exactly 1 MiB.
        var value = new byte[(1024 * 1024) - 3];
        Random.Shared.NextBytes(value);
        using var producer = Producer(stream);
        await producer.ProduceAsync(stream.Topic, new Message<byte[]?, byte[]> { Key = Bytes("big"), Value = value }, Ct).WaitAsync(Timeout, Ct);

        var consumed = Consume(stream, new TopicPartitionOffset(stream.Topic, 0, 0), 1).Single();
        Assert.Equal(value, consumed.Message.Value);
    }

    [Fact]
    public async Task IdempotentProducersAreRefusedAsOciStreamingDoes()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        Error? fatal = null;
        var config = new ProducerConfig(OciKafkaSettings.Producer(stream.BootstrapServers)) { EnableIdempotence = true, MessageTimeoutMs = 10_000 };
        using var producer = new ProducerBuilder<byte[]?, byte[]>(config).SetErrorHandler((_, e) => fatal ??= e.IsFatal ? e : null).Build();

        var failure = await Assert.ThrowsAsync<ProduceException<byte[]?, byte[]>>(() =>
            producer.ProduceAsync(stream.Topic, new Message<byte[]?, byte[]> { Value = Bytes("x") }, Ct).WaitAsync(Timeout, Ct));

        var reason = fatal?.Reason ?? failure.Error.Reason;
        Assert.Contains("Idempotent producer not supported", reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MetadataAdvertisesTheStableBootstrapPortAndTheConfiguredTopics()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 4);
        using var admin = new AdminClientBuilder(OciKafkaSettings.Admin(stream.BootstrapServers)).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        var broker = Assert.Single(metadata.Brokers);
        Assert.Equal(stream.BootstrapServers, $"{broker.Host}:{broker.Port}");
        var topic = Assert.Single(metadata.Topics, t => t.Topic == stream.Topic);
        Assert.Equal(4, topic.Partitions.Count);
    }

    [Fact]
    public async Task ATakenKafkaPortIsAClearError()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestStream.StartAsync(BrokerKind.Embedded, configure: o => o with { KafkaPort = port }));

        Assert.Contains($"127.0.0.1:{port} is already in use", error.Message, StringComparison.Ordinal);
        Assert.Contains("--kafka-port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATakenFacadePortIsAClearError()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestStream.StartAsync(BrokerKind.Embedded, configure: o => o with { Port = port }));

        Assert.Contains("--port", error.Message, StringComparison.Ordinal);
    }

    internal static IProducer<byte[]?, byte[]> Producer(TestStream stream) =>
        new ProducerBuilder<byte[]?, byte[]>(OciKafkaSettings.Producer(stream.BootstrapServers)).Build();

    internal static List<ConsumeResult<byte[]?, byte[]>> Consume(TestStream stream, TopicPartitionOffset from, int count)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = stream.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(from);
        var read = ConsumeFrom(consumer, count);
        consumer.Close();
        return read;
    }

    internal static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    internal static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    private static IConsumer<byte[]?, byte[]> GroupConsumer(TestStream stream, string group) =>
        new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = stream.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6000,
        }).Build();

    private static List<ConsumeResult<byte[]?, byte[]>> ConsumeFrom(IConsumer<byte[]?, byte[]> consumer, int count)
    {
        var read = new List<ConsumeResult<byte[]?, byte[]>>();
        var deadline = DateTime.UtcNow + Timeout;
        while (read.Count < count && DateTime.UtcNow < deadline)
        {
            Ct.ThrowIfCancellationRequested();
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
            {
                read.Add(result);
            }
        }

        Assert.True(read.Count == count, $"consumed {read.Count} of {count} messages within {Timeout.TotalSeconds} s");
        return read;
    }

    private static async Task PollUntilAsync(IConsumer<byte[]?, byte[]>[] consumers, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the group did not settle in time");
            foreach (var consumer in consumers)
            {
                consumer.Consume(TimeSpan.FromMilliseconds(100));
            }
            await Task.Yield();
        }
    }
}
