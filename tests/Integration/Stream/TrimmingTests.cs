using System.Globalization;
using System.Net;
using System.Text;
using Confluent.Kafka;
using DevHarness.Oci.Streaming;
using Microsoft.Extensions.Logging;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// The embedded broker keeps only about the newest 5 MiB per partition: a live consumer still gets
/// everything, and when nobody reads, trimming is announced and TRIM_HORIZON follows the new log start.
/// </summary>
public sealed class TrimmingTests
{
    private const int MessageBytes = 1024;
    private const int Count = 20 * 1024; // 20 MiB of 1 KiB messages
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALiveConsumerReadsAllOfTwentyMebibytesInOrder()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var consumed = 0;
        var outOfOrder = new List<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var reader = Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
            {
                BootstrapServers = stream.BootstrapServers,
                GroupId = "live-" + Guid.NewGuid().ToString("N"),
                EnableAutoCommit = false,
            }).Build();
            consumer.Assign(new TopicPartitionOffset(stream.Topic, 0, 0));
            while (Volatile.Read(ref consumed) < Count && !stop.IsCancellationRequested)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
                {
                    var index = int.Parse(Encoding.ASCII.GetString(result.Message.Value, 0, 8), CultureInfo.InvariantCulture);
                    if (index != consumed || result.Offset.Value != consumed)
                    {
                        outOfOrder.Add($"expected {consumed}, got message {index} at offset {result.Offset.Value}");
                        return;
                    }
                    Interlocked.Increment(ref consumed);
                }
            }
            consumer.Close();
        }, Ct);

        using var producer = EmbeddedBrokerKafkaTests.Producer(stream);
        var deadline = DateTime.UtcNow + Timeout;
        for (var i = 0; i < Count; i++)
        {
            producer.Produce(stream.Topic, new Message<byte[]?, byte[]> { Value = Payload(i) });
            // Keep the consumer within 2 MiB of the producer: it must read while data flows (DESIGN.md).
            while (i - Volatile.Read(ref consumed) > 2048 && outOfOrder.Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the consumer stalled at {consumed}");
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }

        producer.Flush(Ct);
        await reader.WaitAsync(Timeout, Ct);
        await stop.CancelAsync();

        Assert.Empty(outOfOrder);
        Assert.Equal(Count, consumed);
    }

    [Fact]
    public async Task WithoutAReaderOldMessagesAreTrimmedAnnouncedAndTrimHorizonMoves()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var early = await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon);
        using (var producer = EmbeddedBrokerKafkaTests.Producer(stream))
        {
            for (var i = 0; i < Count; i++)
            {
                producer.Produce(stream.Topic, new Message<byte[]?, byte[]> { Value = Payload(i) });
                if (i % 1000 == 0)
                {
                    producer.Poll(TimeSpan.Zero);
                }
            }
            producer.Flush(Ct);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!stream.Logs.At(LogLevel.Warning).Any(l => l.Message.Contains("trimmed", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the emulator should have warned about trimming");
            await Task.Delay(200, Ct);
        }

        var warning = stream.Logs.At(LogLevel.Warning).First(l => l.Message.Contains("trimmed", StringComparison.Ordinal));
        Assert.Contains($"Partition 0 of {stream.Topic} trimmed", warning.Message, StringComparison.Ordinal);
        Assert.Contains("~5 MiB per partition; use the Kafka container for full retention", warning.Message, StringComparison.Ordinal);

        var (messages, _) = await stream.Client.GetMessagesAsync(await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon), limit: 1);
        var first = Assert.Single(messages);
        Assert.True(first.Offset > 0, "TRIM_HORIZON starts at the new log start");
        Assert.Equal(first.Offset, int.Parse(Encoding.ASCII.GetString(first.Value, 0, 8), CultureInfo.InvariantCulture));
        var retainedMiB = (Count - first.Offset) * (double)MessageBytes / (1024 * 1024);
        Assert.InRange(retainedMiB, 3.5, 5.5);

        using var stale = await stream.Client.Http.GetAsync(stream.Client.PathOf("/messages") + "?cursor=" + early, Ct);
        var error = await FacadeClient.ErrorAsync(stale, HttpStatusCode.BadRequest);
        Assert.Contains("no longer in the stream", error.Message, StringComparison.Ordinal);
    }

    /// <summary>1 KiB whose first 8 bytes are the message's index, so order can be checked from the bytes.</summary>
    private static byte[] Payload(int index)
    {
        var bytes = new byte[MessageBytes];
        Encoding.ASCII.GetBytes(index.ToString("D8", CultureInfo.InvariantCulture)).CopyTo(bytes, 0);
        return bytes;
    }
}
