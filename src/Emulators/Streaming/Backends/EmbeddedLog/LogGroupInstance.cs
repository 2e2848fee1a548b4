using DevHarness.KafkaBroker;
using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Backends.EmbeddedLog;

/// <summary>One instance of a group cursor over the embedded broker: reads its partitions straight from the log.</summary>
internal sealed class LogGroupInstance(
    LogGroupCursors group,
    Broker broker,
    StreamDefinition stream,
    CreateGroupCursorDetails details,
    string instanceName,
    IReadOnlyDictionary<int, long> startPositions,
    TimeProvider clock) : IGroupInstance
{
    private long _lastUsedTicks;
    private int _nextPartition;

    public StreamDefinition Stream { get; } = stream;

    public string GroupName { get; } = details.GroupName;

    public string InstanceName { get; } = instanceName;

    public TimeSpan Timeout { get; } = TimeSpan.FromMilliseconds(details.TimeoutInMs ?? 30_000);

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    private bool CommitOnGet { get; } = details.CommitOnGet ?? true;

    public void Touch() => Interlocked.Exchange(ref _lastUsedTicks, clock.GetUtcNow().UtcTicks);

    public bool IsExpired(DateTimeOffset now) => now - LastUsed > Timeout;

    public Task<GroupReadResult> ReadAsync(IReadOnlyDictionary<int, long> positions, int limit, long byteBudget, CancellationToken cancellationToken)
    {
        Touch();
        if (CommitOnGet)
        {
            group.Commit(this, positions);
        }

        var assigned = group.AssignedTo(this);

        // Partitions are read in turn, starting one further each time, so a busy one cannot starve the rest.
        var messages = new List<StoredMessage>();
        var next = new Dictionary<int, long>();
        var first = assigned.Count == 0 ? 0 : Interlocked.Increment(ref _nextPartition) % assigned.Count;
        for (var i = 0; i < assigned.Count; i++)
        {
            var partition = assigned[(first + i) % assigned.Count];
            var log = broker.GetPartition(Stream.Name, partition);
            var from = positions.TryGetValue(partition, out var position) ? position
                : broker.Offsets.Get(GroupName, Stream.Name, partition) ?? startPositions[partition];
            // A position retention has since deleted resumes at the oldest message still held.
            from = Math.Clamp(from, log.LogStartOffset, log.NextOffset);
            next[partition] = from;
            if (messages.Count < limit && (byteBudget > 0 || messages.Count == 0))
            {
                var read = EmbeddedLogBackend.Read(broker, Stream, partition, from, limit - messages.Count, byteBudget);
                messages.AddRange(read);
                byteBudget -= read.Sum(m => m.Size);
                if (read.Count > 0)
                {
                    next[partition] = read[^1].Offset + 1;
                }
            }
        }
        return Task.FromResult(new GroupReadResult(messages, next));
    }

    public Task<IReadOnlyList<int>> CommitAsync(IReadOnlyDictionary<int, long> positions, CancellationToken cancellationToken)
    {
        Touch();
        return Task.FromResult(group.Commit(this, positions));
    }
}
