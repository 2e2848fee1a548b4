using System.Collections.Concurrent;
using Confluent.Kafka;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// A Confluent.Kafka consumer positioned at every partition's end <em>before</em> a test uploads anything
/// (the embedded broker keeps only ~5 MiB per partition, so it reads while data flows), recording the
/// messages whose key starts with the test's own prefix.
/// </summary>
internal sealed class KafkaRecorder : IAsyncDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<RecordedMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private KafkaRecorder(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartitionOffset> positions, string keyPrefix)
    {
        // The next offset each partition should deliver: nothing here is transactional, so the broker's
        // offsets are contiguous and a jump means the messages in between were trimmed unread.
        var expected = positions.ToDictionary(p => p.Partition.Value, p => p.Offset.Value);
        _loop = Task.Factory.StartNew(
            () =>
            {
                using (consumer)
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                        if (result is not null)
                        {
                            Trimmed |= result.Offset.Value > expected[result.Partition.Value];
                            expected[result.Partition.Value] = result.Offset.Value + 1;
                        }

                        if (result?.Message is { } message && message.Key is { } key)
                        {
                            var text = System.Text.Encoding.UTF8.GetString(key);
                            if (text.StartsWith(keyPrefix, StringComparison.Ordinal))
                            {
                                _messages.Enqueue(new RecordedMessage(result.Partition.Value, result.Offset.Value, text, message.Value ?? []));
                            }
                        }
                    }

                    consumer.Close();
                }
            },
            TaskCreationOptions.LongRunning);
    }

    public IReadOnlyList<RecordedMessage> Messages => [.. _messages];

    /// <summary>Whether the broker trimmed messages before this consumer got to them.</summary>
    public bool Trimmed { get; private set; }

    /// <summary>Positions the consumer (at the end, or with <paramref name="fromBeginning"/> at the log start) and starts recording.</summary>
    public static KafkaRecorder Start(string bootstrapServers, string topic, int partitions, string keyPrefix, bool fromBeginning = false)
    {
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "devharness-test-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            // A position the embedded broker has trimmed resumes at the log start, not the end: what is
            // lost is exactly what was trimmed, and the test can tell that apart from a missing message.
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Room for a whole 5 MiB object's chunks (~7 MB, one partition) in one fetch.
            FetchMaxBytes = 16 * 1024 * 1024,
            MaxPartitionFetchBytes = 8 * 1024 * 1024,
            // The embedded broker answers a fetch only when its wait runs out, not when data arrives: with the
            // default 500 ms, a relay producing an object's chunks at once has them trimmed before the answer.
            FetchWaitMaxMs = 10,
        }).Build();
        var positions = new List<TopicPartitionOffset>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var tp = new TopicPartition(topic, partition);
            var watermarks = consumer.QueryWatermarkOffsets(tp, QueryTimeout);
            positions.Add(new TopicPartitionOffset(tp, fromBeginning ? watermarks.Low : watermarks.High));
        }

        consumer.Assign(positions);
        return new KafkaRecorder(consumer, positions, keyPrefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }
}
