using Confluent.Kafka;

namespace DevHarness.Integration.Relay;

/// <summary>
/// An independent Kafka consumer on the stream stand-in's broker, with librdkafka's ordinary settings:
/// assigned every partition from the beginning, reading on its own thread while the test drives the relay.
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
    public async Task ConsumeWhileAsync(Func<ConsumeResult<byte[], byte[]>, bool> onMessage, TimeSpan timeout, CancellationToken cancellationToken)
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
                if (result is not (null or { IsPartitionEOF: true }) && !onMessage(result))
                {
                    return;
                }
            }
        }, CancellationToken.None);
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }

    private static string Describe(byte[]? key) => key is null ? "(none)" : System.Text.Encoding.UTF8.GetString(key);
}
