using System.Text;
using Confluent.Kafka;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.Streaming;

/// <summary>Kafka and the REST facade are two doors to the same log: same bytes, same offsets, same partitions.</summary>
public sealed class CrossApiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKafkaMessageIsReadByGetMessagesWithIdenticalBytesAndOffset()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);
        var key = new byte[] { 0, 1, 2, 255, 254 };
        var value = new byte[4096];
        Random.Shared.NextBytes(value);
        using var producer = EmbeddedBrokerKafkaTests.Producer(stream);
        await producer.ProduceAsync(stream.Topic, new Message<byte[]?, byte[]> { Value = Encoding.UTF8.GetBytes("first") }, Ct).WaitAsync(Timeout, Ct);
        var report = await producer.ProduceAsync(stream.Topic, new Message<byte[]?, byte[]> { Key = key, Value = value }, Ct).WaitAsync(Timeout, Ct);

        var cursor = await stream.Client.CreateCursorAsync(report.Partition.Value, CursorType.AtOffset, offset: report.Offset.Value);
        var (messages, _) = await stream.Client.GetMessagesAsync(cursor, limit: 1);

        var message = Assert.Single(messages);
        Assert.Equal(key, message.Key);
        Assert.Equal(value, message.Value);
        Assert.Equal(report.Offset.Value, message.Offset);
        Assert.Equal(report.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Partition);
    }

    [Fact]
    public async Task APutMessagesMessageIsConsumedByKafkaWithIdenticalBytesAndOffset()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);
        var key = Encoding.UTF8.GetBytes("devharness/uploads/report.pdf");
        var value = new byte[10_000];
        Random.Shared.NextBytes(value);
        var result = await stream.Client.PutAsync([new PutMessagesDetailsEntry(key, value)]);
        var entry = Assert.Single(result.Entries);

        var partition = int.Parse(entry.Partition!, System.Globalization.CultureInfo.InvariantCulture);
        var consumed = EmbeddedBrokerKafkaTests.Consume(stream, new TopicPartitionOffset(stream.Topic, partition, entry.Offset!.Value), 1).Single();

        Assert.Equal(key, consumed.Message.Key);
        Assert.Equal(value, consumed.Message.Value);
        Assert.Equal(entry.Offset, consumed.Offset.Value);
        Assert.Equal(entry.Timestamp!.Value.ToUnixTimeMilliseconds(), consumed.Message.Timestamp.UnixTimestampMs);
    }

    [Fact]
    public async Task TheSameKeyLandsInTheSamePartitionThroughBothApis()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 5);
        using var producer = EmbeddedBrokerKafkaTests.Producer(stream);
        for (var i = 0; i < 20; i++)
        {
            var key = $"devharness/uploads/object-{i}.json";
            var viaKafka = await producer.ProduceAsync(stream.Topic, new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = [1] }, Ct).WaitAsync(Timeout, Ct);
            var viaRest = (await stream.Client.PutAsync((key, "x"))).Entries.Single();
            Assert.Equal(viaKafka.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), viaRest.Partition);
        }
    }
}
