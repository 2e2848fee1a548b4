using System.Collections.Concurrent;
using Confluent.Kafka;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// A Confluent.Kafka consumer with ordinary settings, positioned at every partition's end <em>before</em> a
/// test uploads anything, recording the messages whose key starts with the test's own prefix.
/// </summary>
internal sealed class KafkaRecorder : IAsyncDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<RecordedMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private KafkaRecorder(IConsumer<byte[]?, byte[]?> consumer, string keyPrefix)
    {
        _loop = Task.Factory.StartNew(
            () =>
            {
                using (consumer)
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
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

    /// <summary>Positions the consumer (at the end, or with <paramref name="fromBeginning"/> at the log start) and starts recording.</summary>
    public static KafkaRecorder Start(string bootstrapServers, string topic, int partitions, string keyPrefix, bool fromBeginning = false)
    {
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "devharness-test-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var positions = new List<TopicPartitionOffset>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var tp = new TopicPartition(topic, partition);
            var watermarks = consumer.QueryWatermarkOffsets(tp, QueryTimeout);
            positions.Add(new TopicPartitionOffset(tp, fromBeginning ? watermarks.Low : watermarks.High));
        }

        consumer.Assign(positions);
        return new KafkaRecorder(consumer, keyPrefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }
}
