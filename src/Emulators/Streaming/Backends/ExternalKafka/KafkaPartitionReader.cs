using System.Collections.Concurrent;
using Confluent.Kafka;
using DevHarness.Emulators.Streaming.Facade;
using DevHarness.Oci.Streaming.Kafka;

namespace DevHarness.Emulators.Streaming.Backends.ExternalKafka;

/// <summary>
/// Reads one partition of an external Kafka from an offset for <c>GetMessages</c> with partition cursors,
/// and answers the watermark and time lookups cursors need. Consumers are pooled and assigned per call;
/// their blocking calls run on <see cref="DedicatedThread"/>s.
/// </summary>
internal sealed class KafkaPartitionReader(string bootstrapServers) : IDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a read waits for the first fetch answer before returning what it has.</summary>
    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(2);

    private readonly ConcurrentBag<IConsumer<byte[]?, byte[]?>> _idle = [];
    private readonly ConcurrentBag<IConsumer<byte[]?, byte[]?>> _all = [];

    public Task<WatermarkOffsets> WatermarksAsync(string topic, int partition) =>
        UseAsync(c => c.QueryWatermarkOffsets(new TopicPartition(topic, partition), QueryTimeout));

    /// <summary>The first offset whose timestamp is at or after <paramref name="time"/>, or the end of the partition.</summary>
    public Task<long> OffsetForTimeAsync(string topic, int partition, DateTimeOffset time) => UseAsync(c => OffsetForTime(c, topic, partition, time));

    internal long OffsetForTime(string topic, int partition, DateTimeOffset time) => Use(c => OffsetForTime(c, topic, partition, time));

    /// <summary>
    /// Up to <paramref name="limit"/> messages from <paramref name="offset"/>, stopping at the end of the
    /// partition or once <paramref name="byteBudget"/> bytes are collected (at least one message is returned).
    /// </summary>
    public Task<IReadOnlyList<StoredMessage>> ReadAsync(string topic, int partition, long offset, int limit, long byteBudget, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<StoredMessage>>(consumer =>
        {
            var results = new List<StoredMessage>();
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
                            $"cursor offset {offset} of partition {partition} is no longer in the stream: the partition now holds offsets {marks.Low.Value} to {marks.High.Value - 1} (older messages are past the stream's retention). Create a new cursor, e.g. TRIM_HORIZON.");
                    }

                    if (result is null || result.IsPartitionEOF)
                    {
                        break;
                    }

                    var message = ToStored(result);
                    results.Add(message);
                    bytes += message.Size;
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

    internal static StoredMessage ToStored(ConsumeResult<byte[]?, byte[]?> result) =>
        new(result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value ?? [], result.Message.Timestamp.UtcDateTime);

    private static long OffsetForTime(IConsumer<byte[]?, byte[]?> consumer, string topic, int partition, DateTimeOffset time)
    {
        var found = consumer.OffsetsForTimes([new TopicPartitionTimestamp(topic, partition, new Timestamp(time))], QueryTimeout)[0];
        return found.Offset.Value >= 0 ? found.Offset.Value : consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), QueryTimeout).High.Value;
    }

    private Task<T> UseAsync<T>(Func<IConsumer<byte[]?, byte[]?>, T> action) => DedicatedThread.RunAsync(() => Use(action));

    /// <summary>A reader assigned to one partition at a time; never commits, fails rather than skipping data retention deleted.</summary>
    private static ConsumerConfig ReaderConfig(string servers) =>
        // Confluent.Kafka wants a group id even for assign(); nothing is ever committed under it.
        new(OciKafkaSettings.Consumer(servers, "devharness-stream-facade-readers"))
        {
            ClientId = "devharness-stream-facade-reader",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Error,
            FetchWaitMaxMs = 50,
        };

    private T Use<T>(Func<IConsumer<byte[]?, byte[]?>, T> action)
    {
        if (!_idle.TryTake(out var consumer))
        {
            consumer = new ConsumerBuilder<byte[]?, byte[]?>(ReaderConfig(bootstrapServers)).Build();
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
