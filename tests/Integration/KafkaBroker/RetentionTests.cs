using System.Buffers.Binary;
using System.Net;
using Confluent.Kafka;
using DevHarness.Integration.Streaming;
using DevHarness.KafkaBroker;
using DevHarness.Oci.Streaming;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Integration.KafkaBroker;

/// <summary>
/// The broker keeps what OCI keeps: everything for the retention period, however much it is, then whole
/// old segments are deleted by age (or by size when asked), never anything younger.
/// </summary>
public sealed class RetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SegmentsAreDeletedByAgeOnlyOnceEveryMessageInThemIsPastRetention()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var broker = await TestBroker.StartAsync(configure: o => o with { TimeProvider = clock, SegmentBytes = 1024 });
        var log = broker.Broker.GetPartition(broker.Topic, 0);
        log.Append([new NewRecord(null, new byte[2000])]);          // fills the first segment on its own
        clock.Advance(TimeSpan.FromHours(20));
        log.Append([new NewRecord(null, new byte[2000])]);

        clock.Advance(TimeSpan.FromHours(3.9));                      // the first is 23.9 h old
        broker.Broker.EnforceRetention();
        Assert.Equal(0, log.LogStartOffset);

        clock.Advance(TimeSpan.FromHours(0.2));                      // 24.1 h and 4.1 h
        broker.Broker.EnforceRetention();
        Assert.Equal(1, log.LogStartOffset);
        Assert.Equal([1L], broker.ReadAll().Select(r => r.Offset));

        clock.Advance(TimeSpan.FromHours(21));                       // everything is old: the log empties, offsets go on
        broker.Broker.EnforceRetention();
        Assert.Equal((2L, 2L), (log.LogStartOffset, log.NextOffset));
        Assert.Equal(2, log.Append([new NewRecord(null, [1])]).BaseOffset);
    }

    [Fact]
    public async Task RetentionBytesKeepsAtLeastThatMuchAndTrimHorizonFollowsTheLogStart()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1, o => o with { RetentionBytes = 1024 * 1024 });
        var early = await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon);
        for (var batch = 0; batch < 40; batch++)
        {
            var result = await stream.Client.PutAsync([.. Enumerable.Range(0, 8).Select(i => new PutMessagesDetailsEntry(null, Indexed((batch * 8) + i, 100 * 1024)))]);
            Assert.Equal(0, result.Failures);
        }

        var log = stream.Emulator.Broker!.GetPartition(stream.Topic, 0);
        stream.Emulator.Broker.EnforceRetention();

        Assert.True(log.LogStartOffset > 0, "32 MiB in a partition kept to 1 MiB: old segments go");
        Assert.True(log.SizeInBytes >= 1024 * 1024, $"at least --retention-bytes stays; {log.SizeInBytes} bytes did");
        var (messages, _) = await stream.Client.GetMessagesAsync(await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon), limit: 1);
        var first = Assert.Single(messages);
        Assert.Equal(log.LogStartOffset, first.Offset);
        Assert.Equal(first.Offset, BinaryPrimitives.ReadInt32BigEndian(first.Value));

        using var stale = await stream.Client.Http.GetAsync(stream.Client.PathOf("/messages") + "?cursor=" + early, Ct);
        var error = await FacadeClient.ErrorAsync(stale, HttpStatusCode.BadRequest);
        Assert.Contains("no longer in the stream", error.Message, StringComparison.Ordinal);
        Assert.Contains("retention", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfRangeSettingsAreRefusedNamingTheOption()
    {
        var hours = await Assert.ThrowsAsync<ArgumentException>(() => Broker.StartAsync(new BrokerOptions { Port = 0, RetentionHours = 169 }, cancellationToken: Ct));
        var bytes = await Assert.ThrowsAsync<ArgumentException>(() => Broker.StartAsync(new BrokerOptions { Port = 0, RetentionBytes = 1000 }, cancellationToken: Ct));

        Assert.Contains("--retention-hours must be from 1 to 168", hours.Message, StringComparison.Ordinal);
        Assert.Contains("--retention-bytes must be at least 1048576", bytes.Message, StringComparison.Ordinal);
    }

    /// <summary>A value whose first four bytes are its index, so order can be checked from the bytes.</summary>
    internal static byte[] Indexed(int index, int size)
    {
        var value = new byte[size];
        BinaryPrimitives.WriteInt32BigEndian(value, index);
        return value;
    }
}

/// <summary>A gibibyte in one partition, read in full and in order by a consumer that starts only afterwards.</summary>
[Collection(LargeLogTestGroup.Name)]
public sealed class LargeLogTests
{
    private const int MessageBytes = 256 * 1024;
    private const int Count = 4096; // 1 GiB

    [Fact]
    public async Task AGibibyteIsKeptAndALateConsumerReadsEveryMessageInOrder()
    {
        await using var broker = await TestBroker.StartAsync();
        var value = new byte[MessageBytes];
        using (var producer = ConfluentKafkaConformanceTests.Producer(broker))
        {
            for (var i = 0; i < Count; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(value, i);
                producer.Produce(broker.Topic, new Message<byte[]?, byte[]> { Value = value }, r => Assert.False(r.Error.IsError, r.Error.Reason));
            }
            producer.Flush(TestContext.Current.CancellationToken);
        }

        var log = broker.Broker.GetPartition(broker.Topic, 0);
        Assert.Equal(Count, log.NextOffset);
        Assert.True(log.SizeInBytes >= (long)Count * MessageBytes);

        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig { BootstrapServers = broker.Bootstrap, GroupId = "late", EnableAutoCommit = false }).Build();
        consumer.Assign(new TopicPartitionOffset(broker.Topic, 0, Offset.Beginning));
        var deadline = DateTime.UtcNow.AddMinutes(5);
        for (var expected = 0; expected < Count;)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the late consumer stalled at {expected} of {Count}");
            if (consumer.Consume(TimeSpan.FromSeconds(1)) is { IsPartitionEOF: false } result)
            {
                Assert.Equal(expected, result.Offset.Value);
                Assert.Equal(expected, BinaryPrimitives.ReadInt32BigEndian(result.Message.Value));
                Assert.Equal(MessageBytes, result.Message.Value.Length);
                expected++;
            }
        }
        consumer.Close();
    }
}
