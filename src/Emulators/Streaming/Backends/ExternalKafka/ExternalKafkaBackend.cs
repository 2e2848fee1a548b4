using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Backends.ExternalKafka;

/// <summary>
/// The facade over a Kafka broker it does not own (<c>--kafka</c>, e.g. the AppHost's Kafka container),
/// through Confluent.Kafka clients: a producer for PutMessages, pooled consumers for reads, and one
/// consumer-group member per group-cursor instance.
/// </summary>
internal sealed class ExternalKafkaBackend : IStreamBackend
{
    private readonly KafkaPublisher _publisher;
    private readonly KafkaPartitionReader _reader;

    public ExternalKafkaBackend(string bootstrapServers, IReadOnlyList<StreamDefinition> streams, TimeProvider clock, ILogger logger)
    {
        BootstrapServers = bootstrapServers;
        Streams = streams;
        _publisher = new KafkaPublisher(bootstrapServers, clock);
        _reader = new KafkaPartitionReader(bootstrapServers);
        Groups = new KafkaGroupCursors(bootstrapServers, _reader, clock, logger);
    }

    public string BootstrapServers { get; }

    public IReadOnlyList<StreamDefinition> Streams { get; }

    public IGroupCursors Groups { get; }

    public static async Task<ExternalKafkaBackend> StartAsync(string bootstrapServers, IReadOnlyList<StreamDefinition> streams, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        await TopicProvisioner.EnsureAsync(bootstrapServers, streams, logger, cancellationToken);
        return new ExternalKafkaBackend(bootstrapServers, streams, clock, logger);
    }

    public async Task<IReadOnlyList<PutMessagesResultEntry>> PutAsync(StreamDefinition stream, IReadOnlyList<PutMessagesDetailsEntry> messages, CancellationToken cancellationToken) =>
        await Task.WhenAll(messages.Select(m => _publisher.PutAsync(stream.Name, m.Key, m.Value, cancellationToken)));

    public async Task<(long Start, long Next)> BoundsAsync(StreamDefinition stream, int partition, CancellationToken cancellationToken)
    {
        var marks = await _reader.WatermarksAsync(stream.Name, partition);
        return (marks.Low.Value, marks.High.Value);
    }

    public Task<long> OffsetForTimeAsync(StreamDefinition stream, int partition, DateTimeOffset time, CancellationToken cancellationToken) =>
        _reader.OffsetForTimeAsync(stream.Name, partition, time);

    public Task<IReadOnlyList<StoredMessage>> ReadAsync(StreamDefinition stream, int partition, long offset, int limit, long byteBudget, CancellationToken cancellationToken) =>
        _reader.ReadAsync(stream.Name, partition, offset, limit, byteBudget, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Closing consumers and flushing the producer wait for the broker: off the thread pool.
        await DedicatedThread.RunAsync(() =>
        {
            Groups.Dispose();
            _reader.Dispose();
            _publisher.Dispose();
            return 0;
        });
    }
}
