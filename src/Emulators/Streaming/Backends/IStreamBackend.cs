using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Backends;

/// <summary>
/// The log the REST facade serves, behind the operations OCI's data plane needs. Two implementations: the
/// embedded broker's own partition logs, read and written in-process (the default), and an external
/// Kafka reached through Kafka clients (<c>--kafka</c>). A new facade operation adds a member here.
/// </summary>
internal interface IStreamBackend : IAsyncDisposable
{
    /// <summary>The Kafka bootstrap address of the same log.</summary>
    string BootstrapServers { get; }

    /// <summary>The streams served, with the partition counts their topics really have.</summary>
    IReadOnlyList<StreamDefinition> Streams { get; }

    IGroupCursors Groups { get; }

    /// <summary>
    /// Writes the messages, keys placed by the murmur2 partitioner; returns one result per message in order.
    /// Returns once every message is stored (a broker failure is a failed entry, as OCI reports it).
    /// </summary>
    Task<IReadOnlyList<PutMessagesResultEntry>> PutAsync(StreamDefinition stream, IReadOnlyList<PutMessagesDetailsEntry> messages, CancellationToken cancellationToken);

    /// <summary>The partition's oldest offset still held and the offset the next message will get.</summary>
    Task<(long Start, long Next)> BoundsAsync(StreamDefinition stream, int partition, CancellationToken cancellationToken);

    /// <summary>The first offset timestamped at or after <paramref name="time"/>, or the partition's end.</summary>
    Task<long> OffsetForTimeAsync(StreamDefinition stream, int partition, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> messages from <paramref name="offset"/>, stopping at the end of the
    /// partition or once <paramref name="byteBudget"/> key and value bytes are collected; a 400 when the
    /// offset is no longer held.
    /// </summary>
    Task<IReadOnlyList<StoredMessage>> ReadAsync(StreamDefinition stream, int partition, long offset, int limit, long byteBudget, CancellationToken cancellationToken);
}
