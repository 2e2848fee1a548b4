using System.Collections.Concurrent;
using Confluent.Kafka;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// Reads one partition from an offset for <c>GetMessages</c> with partition cursors, and answers the
/// watermark and time lookups cursors need. Consumers are pooled and assigned per call.
/// </summary>
/// <param name="bootstrapServers">The broker.</param>
/// <param name="brokerIndexesTime">
/// False for the embedded broker: librdkafka's mock cluster answers ListOffsets only for the earliest and
/// latest offsets, so a time lookup there is a binary search over the messages' timestamps instead.
/// </param>
internal sealed class PartitionReader(string bootstrapServers, bool brokerIndexesTime) : IDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a read waits for the first fetch answer before returning what it has.</summary>
    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(2);

    private readonly ConcurrentBag<IConsumer<byte[]?, byte[]?>> _idle = [];
    private readonly ConcurrentBag<IConsumer<byte[]?, byte[]?>> _all = [];

    public WatermarkOffsets Watermarks(string topic, int partition) =>
        Use(c => c.QueryWatermarkOffsets(new TopicPartition(topic, partition), QueryTimeout));

    /// <summary>The first offset whose timestamp is at or after <paramref name="time"/>, or the end of the partition.</summary>
    public long OffsetForTime(string topic, int partition, DateTimeOffset time)
    {
        if (brokerIndexesTime)
        {
            return Use(c =>
            {
                var found = c.OffsetsForTimes([new TopicPartitionTimestamp(topic, partition, new Timestamp(time))], QueryTimeout)[0];
                return found.Offset.Value >= 0 ? found.Offset.Value : c.QueryWatermarkOffsets(new TopicPartition(topic, partition), QueryTimeout).High.Value;
            });
        }

        var marks = Watermarks(topic, partition);
        long low = marks.Low.Value, high = marks.High.Value;
        var wanted = time.ToUnixTimeMilliseconds();
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var probe = Read(topic, partition, middle, 1, long.MaxValue, CancellationToken.None);
            if (probe.Count == 1 && probe[0].Message.Timestamp.UnixTimestampMs < wanted)
            {
                low = probe[0].Offset.Value + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> messages from <paramref name="offset"/>, stopping at the end of the
    /// partition or once <paramref name="byteBudget"/> bytes are collected (at least one message is returned).
    /// </summary>
    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Read(string topic, int partition, long offset, int limit, long byteBudget, CancellationToken cancellationToken) => Use(consumer =>
    {
        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + ReadWait;
        long bytes = 0;
        consumer.Assign(new TopicPartitionOffset(topic, partition, offset));
        try
        {
            while (results.Count < limit && bytes < byteBudget)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                ConsumeResult<byte[]?, byte[]?>? result;
                try
                {
                    result = consumer.Consume(remaining);
                }
                catch (ConsumeException e) when (e.Error.Code is ErrorCode.Local_AutoOffsetReset or ErrorCode.OffsetOutOfRange)
                {
                    var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), QueryTimeout);
                    throw OciProblem.InvalidParameter(
                        $"cursor offset {offset} of partition {partition} is no longer in the stream: the partition now holds offsets {marks.Low.Value} to {marks.High.Value - 1} (older messages were trimmed). Create a new cursor, e.g. TRIM_HORIZON.");
                }

                if (result is null || result.IsPartitionEOF)
                {
                    break;
                }

                results.Add(result);
                bytes += (result.Message.Key?.Length ?? 0) + (result.Message.Value?.Length ?? 0);
            }
        }
        finally
        {
            consumer.Unassign();
        }
        return results;
    });

    public void Dispose()
    {
        foreach (var consumer in _all)
        {
            consumer.Dispose();
        }
    }

    private T Use<T>(Func<IConsumer<byte[]?, byte[]?>, T> action)
    {
        if (!_idle.TryTake(out var consumer))
        {
            consumer = new ConsumerBuilder<byte[]?, byte[]?>(StreamKafkaSettings.PartitionReader(bootstrapServers)).Build();
            _all.Add(consumer);
        }

        try
        {
            return action(consumer);
        }
        finally
        {
            _idle.Add(consumer);
        }
    }
}
