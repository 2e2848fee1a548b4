using Confluent.Kafka;

namespace DevHarness.Hosting.Oci;

/// <summary>
/// Reads the last <c>count</c> messages of a topic without joining a consumer group: per partition from
/// <c>max(low, high - count)</c> to the high watermark, then the newest <c>count</c> overall by timestamp.
/// </summary>
internal static class StreamTail
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(15);

    public static async Task<IReadOnlyList<TailedMessage>> ReadAsync(
        ClientConfig connection, string topic, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await Task.Run(() => Read(connection, topic, count, cancellationToken), cancellationToken);
    }

    private static List<TailedMessage> Read(ClientConfig connection, string topic, int count, CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig(connection)
        {
            // A throwaway group id: assign() never joins it and nothing is committed.
            GroupId = "devharness-tail-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            // The metadata request below names the topic: it must never create it on a broker that would.
            AllowAutoCreateTopics = false,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, QueryTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError)
        {
            throw new InvalidOperationException($"Topic {topic} is not available: {metadata?.Error.Reason ?? "absent"}.");
        }

        var starts = new List<TopicPartitionOffset>();
        var ends = new Dictionary<int, long>();
        foreach (var partition in metadata.Partitions)
        {
            var tp = new TopicPartition(topic, partition.PartitionId);
            var watermarks = consumer.QueryWatermarkOffsets(tp, QueryTimeout);
            if (watermarks.High.Value > watermarks.Low.Value)
            {
                starts.Add(new TopicPartitionOffset(tp, Math.Max(watermarks.Low.Value, watermarks.High.Value - count)));
                ends[partition.PartitionId] = watermarks.High.Value;
            }
        }

        var messages = new List<TailedMessage>();
        if (starts.Count == 0)
        {
            return messages;
        }

        consumer.Assign(starts);
        var deadline = DateTime.UtcNow + ReadBudget;
        while (ends.Count > 0 && DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            var partition = result.Partition.Value;
            if (!result.IsPartitionEOF)
            {
                messages.Add(new TailedMessage(
                    partition, result.Offset.Value, result.Message.Timestamp.UtcDateTime, result.Message.Key, result.Message.Value ?? []));
            }

            if (ends.TryGetValue(partition, out var end) && result.Offset.Value >= end - (result.IsPartitionEOF ? 0 : 1))
            {
                ends.Remove(partition);
            }
        }

        return [.. messages.OrderBy(m => m.Timestamp).ThenBy(m => m.Partition).ThenBy(m => m.Offset).TakeLast(count)];
    }
}
