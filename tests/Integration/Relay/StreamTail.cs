using Confluent.Kafka;

namespace DevHarness.Integration.Relay;

/// <summary>
/// An independent Kafka consumer on the stream stand-in's broker: assigned every partition from the
/// beginning before the relay writes (the embedded broker keeps only ~5 MiB per partition), reading on
/// its own thread while the test drives the relay.
/// </summary>
internal sealed class StreamTail : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _consumer;

    public StreamTail(string bootstrapServers, string topic, int partitions)
    {
        _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "relay-tests-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // The embedded broker keeps ~5 MiB per partition: fetch big and often to stay ahead of trimming.
            MaxPartitionFetchBytes = 4 * 1024 * 1024,
            FetchMaxBytes = 16 * 1024 * 1024,
            FetchWaitMaxMs = 10,
        }).Build();
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
    }

    /// <summary>Reads exactly <paramref name="count"/> messages, then checks nothing more arrives within <paramref name="quiet"/>.</summary>
    public async Task<IReadOnlyList<ConsumeResult<byte[], byte[]>>> ReadExactlyAsync(int count, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var messages = await ReadAsync(count, cancellationToken);
        var extra = await Task.Run(() => _consumer.Consume(quiet), cancellationToken);
        Assert.True(extra is null || extra.IsPartitionEOF, $"Expected {count} messages, but more arrived: key {Describe(extra?.Message?.Key)}");
        return messages;
    }

    /// <summary>Reads <paramref name="count"/> messages, in the order the broker serves them per partition.</summary>
    public async Task<IReadOnlyList<ConsumeResult<byte[], byte[]>>> ReadAsync(int count, CancellationToken cancellationToken)
    {
        var messages = new List<ConsumeResult<byte[], byte[]>>();
        if (count == 0)
        {
            return messages;
        }

        await ConsumeWhileAsync(m =>
        {
            messages.Add(m);
            return messages.Count < count;
        }, TimeSpan.FromMinutes(2), cancellationToken);
        return messages;
    }

    /// <summary>
    /// Hands every message to <paramref name="onMessage"/> until it returns false (for streams too big to
    /// keep); fails after <paramref name="timeout"/>. The loop polls, so it always stops by itself.
    /// </summary>
    public async Task ConsumeWhileAsync(Func<ConsumeResult<byte[], byte[]>, bool> onMessage, TimeSpan timeout, CancellationToken cancellationToken,
        Action? onIdle = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        await Task.Run(() =>
        {
            while (true)
            {
                if (limit.IsCancellationRequested)
                {
                    throw new TimeoutException($"The stream did not deliver the expected messages within {timeout}.");
                }

                var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null or { IsPartitionEOF: true })
                {
                    onIdle?.Invoke();
                }
                else if (!onMessage(result))
                {
                    return;
                }
            }
        }, CancellationToken.None);
    }

    /// <summary>Messages written to this message's partition after it, by the last fetch's high watermark.</summary>
    public long Lag(ConsumeResult<byte[], byte[]> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _consumer.GetWatermarkOffsets(message.TopicPartition).High - message.Offset - 1;
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }

    private static string Describe(byte[]? key) => key is null ? "(none)" : System.Text.Encoding.UTF8.GetString(key);
}
