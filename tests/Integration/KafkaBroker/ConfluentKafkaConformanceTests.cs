using System.Text;
using Confluent.Kafka;
using DevHarness.KafkaBroker;

namespace DevHarness.Integration.KafkaBroker;

/// <summary>
/// Confluent.Kafka (librdkafka 2.16) against the embedded broker with its default settings (acks=all,
/// idempotence off as OCI requires): every codec, every way to position a consumer, and OCI's refusals.
/// Groups, commits and the idempotence refusal through the stream emulator are in EmbeddedBrokerKafkaTests.
/// </summary>
public sealed class ConfluentKafkaConformanceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<CompressionType> Codecs =>
        [CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task EveryCodecRoundTripsThroughKafkaAndTheLog(CompressionType codec)
    {
        await using var broker = await TestBroker.StartAsync();
        using (var producer = Producer(broker, p => p.CompressionType = codec))
        {
            for (var i = 0; i < 300; i++)
            {
                producer.Produce(broker.Topic, new Message<byte[]?, byte[]> { Key = Bytes($"k{i}"), Value = Bytes($"{codec} {i} {new string('z', i)}") });
            }
            producer.Flush(Ct);
        }

        var consumed = Consume(broker, new TopicPartitionOffset(broker.Topic, 0, Offset.Beginning), 300);
        var expected = Enumerable.Range(0, 300).Select(i => $"k{i}={codec} {i} {new string('z', i)}@{i}").ToList();
        Assert.Equal(expected, consumed.Select(r => $"{Text(r.Message.Key)}={Text(r.Message.Value)}@{r.Offset.Value}"));
        Assert.Equal(expected, broker.ReadAll().Select(r => $"{Text(r.Key)}={Text(r.Value)}@{r.Offset}"));
    }

    [Fact]
    public async Task AConsumerStartsAtTheBeginningTheEndAnOffsetOrATime()
    {
        await using var broker = await TestBroker.StartAsync();
        using var producer = Producer(broker);
        for (var i = 0; i < 5; i++)
        {
            await producer.ProduceAsync(broker.Topic, new Message<byte[]?, byte[]> { Value = Bytes($"m{i}"), Timestamp = new Timestamp(1_700_000_000_000 + (i * 1000), TimestampType.CreateTime) }, Ct);
        }

        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig { BootstrapServers = broker.Bootstrap, GroupId = "reader", EnableAutoCommit = false }).Build();
        var times = consumer.OffsetsForTimes([new TopicPartitionTimestamp(broker.Topic, 0, new Timestamp(1_700_000_002_500, TimestampType.CreateTime))], Timeout);
        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(broker.Topic, 0), Timeout);
        var after = consumer.OffsetsForTimes([new TopicPartitionTimestamp(broker.Topic, 0, new Timestamp(1_800_000_000_000, TimestampType.CreateTime))], Timeout);

        Assert.Equal(3, times.Single().Offset.Value);
        Assert.Equal((0, 5), (watermarks.Low.Value, watermarks.High.Value));
        Assert.Equal(Offset.End, after.Single().Offset);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], Values(Consume(broker, new TopicPartitionOffset(broker.Topic, 0, Offset.Beginning), 5)));
        Assert.Equal(["m2", "m3", "m4"], Values(Consume(broker, new TopicPartitionOffset(broker.Topic, 0, 2), 3)));
        Assert.Equal(["m3", "m4"], Values(Consume(broker, times.Single(), 2)));
        Assert.Equal(1_700_000_003_000, Consume(broker, times.Single(), 1).Single().Message.Timestamp.UnixTimestampMs);

        // From the end: only what is produced after the consumer is positioned. When librdkafka resolves the
        // end is its own business, so "after" is produced until one arrives; nothing older may.
        using var tail = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig { BootstrapServers = broker.Bootstrap, GroupId = "tail", EnableAutoCommit = false }).Build();
        tail.Assign(new TopicPartitionOffset(broker.Topic, 0, Offset.End));
        ConsumeResult<byte[]?, byte[]>? next = null;
        var deadline = DateTime.UtcNow + Timeout;
        while (next is null && DateTime.UtcNow < deadline)
        {
            await producer.ProduceAsync(broker.Topic, new Message<byte[]?, byte[]> { Value = Bytes("after") }, Ct);
            next = tail.Consume(TimeSpan.FromMilliseconds(200));
        }

        Assert.Equal("after", Text(next?.Message.Value));
        Assert.True(next!.Offset.Value >= 5);
    }

    [Fact]
    public async Task OneMebibyteOfKeyAndValuePassesAndOneByteMoreIsRefused()
    {
        await using var broker = await TestBroker.StartAsync();
        using var producer = Producer(broker, p => p.MessageMaxBytes = 2_000_000);

        var fits = await producer.ProduceAsync(broker.Topic, new Message<byte[]?, byte[]> { Key = [1, 2], Value = new byte[BrokerOptions.MaxMessageBytes - 2] }, Ct);
        var refused = await Assert.ThrowsAsync<ProduceException<byte[]?, byte[]>>(() =>
            producer.ProduceAsync(broker.Topic, new Message<byte[]?, byte[]> { Key = [1, 2], Value = new byte[BrokerOptions.MaxMessageBytes - 1] }, Ct));

        Assert.Equal(0, fits.Offset.Value);
        Assert.Equal(ErrorCode.MsgSizeTooLarge, refused.Error.Code);
        Assert.Equal(1, broker.Broker.GetPartition(broker.Topic, 0).NextOffset);
    }

    [Fact]
    public async Task ACompressedRecordOverOneMebibyteIsRefusedToo()
    {
        await using var broker = await TestBroker.StartAsync();
        using var producer = Producer(broker, p => p.CompressionType = CompressionType.Zstd);

        // Zeros compress to almost nothing: the limit is on the decoded key and value, as OCI measures it.
        var refused = await Assert.ThrowsAsync<ProduceException<byte[]?, byte[]>>(() =>
            producer.ProduceAsync(broker.Topic, new Message<byte[]?, byte[]> { Value = new byte[BrokerOptions.MaxMessageBytes + 1] }, Ct));

        Assert.Equal(ErrorCode.MsgSizeTooLarge, refused.Error.Code);
        Assert.Equal(0, broker.Broker.GetPartition(broker.Topic, 0).NextOffset);
    }

    [Fact]
    public async Task AnUnknownTopicIsRefused()
    {
        await using var broker = await TestBroker.StartAsync();
        // librdkafka waits this long for a missing topic to appear before failing its messages.
        using var producer = Producer(broker, p => p.TopicMetadataPropagationMaxMs = 1000);

        var refused = await Assert.ThrowsAsync<ProduceException<byte[]?, byte[]>>(() =>
            producer.ProduceAsync("no-such-topic", new Message<byte[]?, byte[]> { Value = Bytes("x") }, Ct));

        Assert.Equal(ErrorCode.UnknownTopicOrPart, refused.Error.Code);
        Assert.Null(broker.Broker.PartitionCount("no-such-topic"));
    }

    internal static IProducer<byte[]?, byte[]> Producer(TestBroker broker, Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig { BootstrapServers = broker.Bootstrap, Acks = Acks.All, EnableIdempotence = false, MessageMaxBytes = 2_000_000 };
        configure?.Invoke(config);
        return new ProducerBuilder<byte[]?, byte[]>(config).Build();
    }

    internal static List<ConsumeResult<byte[]?, byte[]>> Consume(TestBroker broker, TopicPartitionOffset from, int count)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = broker.Bootstrap,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(from);
        var read = new List<ConsumeResult<byte[]?, byte[]>>();
        var deadline = DateTime.UtcNow + Timeout;
        while (read.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
            {
                read.Add(result);
            }
        }

        consumer.Close();
        Assert.True(read.Count == count, $"consumed {read.Count} of {count} messages within {Timeout.TotalSeconds} s");
        return read;
    }

    private static List<string?> Values(List<ConsumeResult<byte[]?, byte[]>> results) => [.. results.Select(r => Text(r.Message.Value))];

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);
}
