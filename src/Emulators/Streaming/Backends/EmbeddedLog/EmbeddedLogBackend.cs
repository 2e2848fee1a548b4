using System.Globalization;
using DevHarness.Emulators.Streaming.Facade;
using DevHarness.KafkaBroker;
using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Backends.EmbeddedLog;

/// <summary>
/// The facade over the embedded broker's partition logs, in-process: PutMessages appends a batch to the
/// file and answers with its offset (no Kafka round trip), GetMessages and cursors read the segment files
/// directly. Kafka clients see the same batches, offsets and timestamps through the broker's port.
/// </summary>
internal sealed class EmbeddedLogBackend : IStreamBackend
{
    private readonly Broker _broker;

    public EmbeddedLogBackend(Broker broker, IReadOnlyList<StreamDefinition> streams, TimeProvider clock, ILogger logger)
    {
        _broker = broker;
        Streams = streams;
        Groups = new LogGroupCursors(broker, clock, logger);
    }

    public string BootstrapServers => _broker.BootstrapServers;

    public IReadOnlyList<StreamDefinition> Streams { get; }

    public IGroupCursors Groups { get; }

    public Task<IReadOnlyList<PutMessagesResultEntry>> PutAsync(StreamDefinition stream, IReadOnlyList<PutMessagesDetailsEntry> messages, CancellationToken cancellationToken)
    {
        // One batch per partition, in request order within it: an append is a write into the file, done
        // before this returns.
        var partitions = messages.Select(m => KeyPartitioner.PartitionFor(m.Key, stream.Partitions)).ToArray();
        var results = new PutMessagesResultEntry[messages.Count];
        foreach (var group in Enumerable.Range(0, messages.Count).GroupBy(i => partitions[i]))
        {
            var indexes = group.ToList();
            var (baseOffset, timestamp) = _broker.GetPartition(stream.Name, group.Key)
                .Append([.. indexes.Select(i => new NewRecord(messages[i].Key, messages[i].Value))]);
            var partition = group.Key.ToString(CultureInfo.InvariantCulture);
            for (var n = 0; n < indexes.Count; n++)
            {
                results[indexes[n]] = new PutMessagesResultEntry(partition, baseOffset + n, DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
            }
        }
        return Task.FromResult<IReadOnlyList<PutMessagesResultEntry>>(results);
    }

    public Task<(long Start, long Next)> BoundsAsync(StreamDefinition stream, int partition, CancellationToken cancellationToken)
    {
        var log = _broker.GetPartition(stream.Name, partition);
        return Task.FromResult((log.LogStartOffset, log.NextOffset));
    }

    public Task<long> OffsetForTimeAsync(StreamDefinition stream, int partition, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var log = _broker.GetPartition(stream.Name, partition);
        return Task.FromResult(log.OffsetForTimestamp(time.ToUnixTimeMilliseconds()) ?? log.NextOffset);
    }

    public Task<IReadOnlyList<StoredMessage>> ReadAsync(StreamDefinition stream, int partition, long offset, int limit, long byteBudget, CancellationToken cancellationToken) =>
        Task.FromResult(Read(_broker, stream, partition, offset, limit, byteBudget));

    public ValueTask DisposeAsync()
    {
        Groups.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads one partition's log; an offset retention has deleted is a 400 naming what the partition still holds.</summary>
    internal static IReadOnlyList<StoredMessage> Read(Broker broker, StreamDefinition stream, int partition, long offset, int limit, long byteBudget)
    {
        try
        {
            return [.. broker.GetPartition(stream.Name, partition).Read(offset, limit, byteBudget)
                .Select(r => new StoredMessage(partition, r.Offset, r.Key, r.Value ?? [], DateTimeOffset.FromUnixTimeMilliseconds(r.Timestamp)))];
        }
        catch (OffsetOutOfRangeException e)
        {
            throw OciProblem.InvalidParameter(string.Create(CultureInfo.InvariantCulture,
                $"cursor offset {offset} of partition {partition} is no longer in the stream: the partition now holds offsets {e.LogStartOffset} to {e.NextOffset - 1} (older messages are past the stream's retention). Create a new cursor, e.g. TRIM_HORIZON."));
        }
    }
}
