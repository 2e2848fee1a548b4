using Confluent.Kafka;
using DevHarness.Oci.Streaming;
using DevHarness.Oci.Streaming.Kafka;

namespace DevHarness.Emulators.Streaming.Backends.ExternalKafka;

/// <summary>
/// One instance of an OCI consumer group on an external Kafka, backed by a real Kafka consumer-group member:
/// partitions are shared out by the broker's rebalancing and committed offsets live in the broker. The
/// consumer's blocking calls run on <see cref="DedicatedThread"/>s.
/// </summary>
internal sealed class KafkaGroupInstance : IGroupInstance, IDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a read waits for the group to hand this member its partitions.</summary>
    private static readonly TimeSpan AssignmentWait = TimeSpan.FromSeconds(10);

    /// <summary>How long a read waits for partitions that have not yet reported their end.</summary>
    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a read of a caught-up member waits for news: a message put a moment before the GET may
    /// still be on its way from the broker (the fetch long-poll is 50 ms).
    /// </summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(150);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly HashSet<int> _assigned = [];
    private readonly HashSet<int> _atEnd = [];
    private long _lastUsedTicks;
    private bool _disposed;

    public KafkaGroupInstance(string bootstrapServers, StreamDefinition stream, CreateGroupCursorDetails details, string instanceName, KafkaPartitionReader reader, TimeProvider clock)
    {
        Stream = stream;
        GroupName = details.GroupName;
        InstanceName = instanceName;
        CommitOnGet = details.CommitOnGet ?? true;
        Timeout = TimeSpan.FromMilliseconds(details.TimeoutInMs ?? 30_000);
        _clock = clock;
        Touch();
        var startTime = details.Time;
        var type = details.Type;
        var sessionTimeoutMs = (int)Math.Clamp(Timeout.TotalMilliseconds, 6_000, 300_000);
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig(OciKafkaSettings.Consumer(bootstrapServers, GroupName))
        {
            ClientId = $"devharness-stream-facade-{instanceName}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            AutoOffsetReset = type == CursorType.Latest ? AutoOffsetReset.Latest : AutoOffsetReset.Earliest,
            SessionTimeoutMs = sessionTimeoutMs,
            FetchWaitMaxMs = 50,
        })
            .SetPartitionsAssignedHandler((consumer, partitions) =>
            {
                lock (_assigned)
                {
                    _assigned.UnionWith(partitions.Select(p => p.Partition.Value));
                    _atEnd.ExceptWith(partitions.Select(p => p.Partition.Value));
                }
                return type == CursorType.AtTime && startTime is { } time ? StartAtTime(consumer, reader, partitions, time) : partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));
            })
            .SetPartitionsRevokedHandler((_, partitions) =>
            {
                lock (_assigned)
                {
                    _assigned.ExceptWith(partitions.Select(p => p.Partition.Value));
                }
            })
            .SetPartitionsLostHandler((_, partitions) =>
            {
                lock (_assigned)
                {
                    _assigned.ExceptWith(partitions.Select(p => p.Partition.Value));
                }
            })
            .Build();
        _consumer.Subscribe(stream.Name);
    }

    public StreamDefinition Stream { get; }

    public string GroupName { get; }

    public string InstanceName { get; }

    public bool CommitOnGet { get; }

    public TimeSpan Timeout { get; }

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public IReadOnlyCollection<int> AssignedPartitions
    {
        get
        {
            lock (_assigned)
            {
                return [.. _assigned];
            }
        }
    }

    public void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _clock.GetUtcNow().UtcTicks);

    public bool IsExpired(DateTimeOffset now) => now - LastUsed > Timeout;

    /// <summary>
    /// Commits <paramref name="positions"/> first when <see cref="CommitOnGet"/> (they are what the previous
    /// read handed out), rewinds to them if the member moved on, then reads up to <paramref name="limit"/>.
    /// </summary>
    public async Task<GroupReadResult> ReadAsync(IReadOnlyDictionary<int, long> positions, int limit, long byteBudget, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Touch();
            return await DedicatedThread.RunAsync(() => Read(positions, limit, byteBudget, cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Commits the offsets a cursor carries, for the partitions this member still holds.</summary>
    public async Task<IReadOnlyList<int>> CommitAsync(IReadOnlyDictionary<int, long> positions, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Touch();
            return await DedicatedThread.RunAsync(() => Commit(positions));
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            // Close leaves the group at once, so the broker rebalances the partitions to the other members.
            _consumer.Close();
            _consumer.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private GroupReadResult Read(IReadOnlyDictionary<int, long> positions, int limit, long byteBudget, CancellationToken cancellationToken)
    {
        if (CommitOnGet)
        {
            Commit(positions);
        }

        Rewind(positions);
        var next = new Dictionary<int, long>(positions);
        var results = new List<StoredMessage>();
        var start = DateTime.UtcNow;
        var wasAssigned = AssignedPartitions.Count > 0;
        long bytes = 0;
        while (results.Count < limit && bytes < byteBudget)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool assigned, allAtEnd;
            lock (_assigned)
            {
                assigned = _assigned.Count > 0;
                allAtEnd = assigned && _atEnd.IsSupersetOf(_assigned);
            }

            if (assigned && !wasAssigned)
            {
                // The partitions just arrived: give them the full read wait from now.
                wasAssigned = true;
                start = DateTime.UtcNow;
            }

            var wait = !assigned ? AssignmentWait : allAtEnd ? IdleWait : ReadWait;
            var remaining = wait - (DateTime.UtcNow - start);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var result = _consumer.Consume(remaining);
            if (result is null)
            {
                continue;
            }

            lock (_assigned)
            {
                if (result.IsPartitionEOF)
                {
                    _atEnd.Add(result.Partition.Value);
                    continue;
                }
                _atEnd.Remove(result.Partition.Value);
            }

            var message = KafkaPartitionReader.ToStored(result);
            results.Add(message);
            next[result.Partition.Value] = result.Offset.Value + 1;
            bytes += message.Size;
        }
        return new GroupReadResult(results, next);
    }

    private IReadOnlyList<int> Commit(IReadOnlyDictionary<int, long> positions)
    {
        List<TopicPartitionOffset> offsets;
        lock (_assigned)
        {
            offsets = [.. positions.Where(p => _assigned.Contains(p.Key)).Select(p => new TopicPartitionOffset(Stream.Name, p.Key, p.Value))];
        }

        if (offsets.Count > 0)
        {
            _consumer.Commit(offsets);
        }
        return [.. offsets.Select(o => o.Partition.Value)];
    }

    /// <summary>A cursor replayed (say, after a client retry) reads again from where it says, not from where the member got to.</summary>
    private void Rewind(IReadOnlyDictionary<int, long> positions)
    {
        foreach (var (partition, offset) in positions)
        {
            var topicPartition = new TopicPartition(Stream.Name, partition);
            lock (_assigned)
            {
                if (!_assigned.Contains(partition))
                {
                    continue;
                }
            }

            var current = _consumer.Position(topicPartition);
            if (current.Value >= 0 && current.Value != offset)
            {
                _consumer.Seek(new TopicPartitionOffset(topicPartition, offset));
                lock (_assigned)
                {
                    _atEnd.Remove(partition);
                }
            }
        }
    }

    private static IEnumerable<TopicPartitionOffset> StartAtTime(IConsumer<byte[]?, byte[]?> consumer, KafkaPartitionReader reader, List<TopicPartition> partitions, DateTimeOffset time)
    {
        // A group that has committed resumes there; only partitions it never committed start at the time.
        return consumer.Committed(partitions, QueryTimeout).Select(c => c.Offset == Offset.Unset
            ? new TopicPartitionOffset(c.TopicPartition, reader.OffsetForTime(c.Topic, c.Partition.Value, time))
            : c);
    }
}
