using System.Globalization;
using DevHarness.Emulators.Streaming.Facade;
using DevHarness.KafkaBroker;
using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Backends.EmbeddedLog;

/// <summary>
/// Group cursors over the embedded broker. Membership is OCI's model, kept here: a group's live instances
/// share the stream's partitions (partition p goes to the p-th instance by name, modulo their number,
/// re-dealt whenever one joins or leaves) and an instance leaves after <c>timeoutInMs</c> without a request.
/// Committed offsets are the broker's own (<see cref="Broker.Offsets"/>, group name = Kafka group id, stream
/// name = topic), so a Kafka consumer of the same group resumes where the REST instances committed and the
/// other way round; Kafka members and REST instances do not share partition assignments, though, so do not
/// run both in one group at the same time.
/// </summary>
internal sealed class LogGroupCursors : IGroupCursors
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LogGroupInstance> _instances = new(StringComparer.Ordinal);
    private readonly Broker _broker;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;

    public LogGroupCursors(Broker broker, TimeProvider clock, ILogger logger)
    {
        _broker = broker;
        _clock = clock;
        _logger = logger;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public Task<IGroupInstance> JoinAsync(StreamDefinition stream, CreateGroupCursorDetails details, string instanceName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = Key(stream.Ocid, details.GroupName, instanceName);
            if (!_instances.TryGetValue(key, out var instance))
            {
                instance = new LogGroupInstance(this, _broker, stream, details, instanceName, StartPositions(stream, details), _clock);
                _instances[key] = instance;
            }

            instance.Touch();
            return Task.FromResult<IGroupInstance>(instance);
        }
    }

    public IGroupInstance Get(StreamDefinition stream, string groupName, string instanceName)
    {
        lock (_lock)
        {
            return _instances.TryGetValue(Key(stream.Ocid, groupName, instanceName), out var instance)
                ? instance
                : throw OciProblem.InvalidParameter(
                    $"cursor's group member {instanceName} of group {groupName} is no longer in the group (no request within its timeoutInMs). Create a new group cursor.");
        }
    }

    public Task<Group> DescribeAsync(StreamDefinition stream, string groupName, CancellationToken cancellationToken)
    {
        var reservations = Enumerable.Range(0, stream.Partitions).Select(p =>
        {
            var holder = Holder(stream, groupName, p);
            return new PartitionReservation(
                p.ToString(CultureInfo.InvariantCulture),
                _broker.Offsets.Get(groupName, stream.Name, p),
                holder?.InstanceName,
                holder is null ? null : holder.LastUsed + holder.Timeout);
        }).ToList();
        return Task.FromResult(new Group(stream.Ocid, groupName, reservations));
    }

    public Task ResetAsync(StreamDefinition stream, string groupName, IReadOnlyDictionary<int, long> offsets, CancellationToken cancellationToken)
    {
        List<LogGroupInstance> ended;
        lock (_lock)
        {
            if (!_broker.ResetGroupOffsets(groupName, stream.Name, offsets))
            {
                throw OciProblem.GroupHasKafkaMembers(groupName);
            }

            // Under the same lock as joins: no instance reads from its old position after the reset.
            ended = Members(stream.Ocid, groupName);
            foreach (var instance in ended)
            {
                _instances.Remove(Key(stream.Ocid, groupName, instance.InstanceName));
            }
        }

        foreach (var instance in ended)
        {
            StreamLog.GroupSessionEnded(_logger, groupName, instance.InstanceName, stream.Name, "the group was reset (UpdateGroup)");
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Commits <paramref name="positions"/> for the partitions <paramref name="instance"/> holds, unless it has
    /// left the group meanwhile (a reset ends it: what it read before must not undo the reset); returns those
    /// partitions.
    /// </summary>
    public IReadOnlyList<int> Commit(LogGroupInstance instance, IReadOnlyDictionary<int, long> positions)
    {
        lock (_lock)
        {
            if (!_instances.TryGetValue(Key(instance.Stream.Ocid, instance.GroupName, instance.InstanceName), out var live) || !ReferenceEquals(live, instance))
            {
                return [];
            }

            var assigned = AssignedTo(instance);
            var committed = new List<int>();
            foreach (var (partition, offset) in positions)
            {
                if (assigned.Contains(partition))
                {
                    _broker.Offsets.Commit(instance.GroupName, instance.Stream.Name, partition, offset);
                    committed.Add(partition);
                }
            }

            return committed;
        }
    }

    /// <summary>The partitions <paramref name="instance"/> holds now.</summary>
    public IReadOnlyList<int> AssignedTo(LogGroupInstance instance)
    {
        lock (_lock)
        {
            var members = Members(instance.Stream.Ocid, instance.GroupName);
            var index = members.IndexOf(instance);
            return index < 0 ? [] : [.. Enumerable.Range(0, instance.Stream.Partitions).Where(p => p % members.Count == index)];
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        lock (_lock)
        {
            _instances.Clear();
        }
    }

    private LogGroupInstance? Holder(StreamDefinition stream, string groupName, int partition)
    {
        lock (_lock)
        {
            var members = Members(stream.Ocid, groupName);
            return members.Count == 0 ? null : members[partition % members.Count];
        }
    }

    private List<LogGroupInstance> Members(string streamId, string groupName) =>
        [.. _instances.Values.Where(i => i.Stream.Ocid == streamId && i.GroupName == groupName).OrderBy(i => i.InstanceName, StringComparer.Ordinal)];

    /// <summary>Where each partition starts for this instance if the group has committed nothing there yet.</summary>
    private Dictionary<int, long> StartPositions(StreamDefinition stream, CreateGroupCursorDetails details)
    {
        var positions = new Dictionary<int, long>();
        for (var p = 0; p < stream.Partitions; p++)
        {
            var log = _broker.GetPartition(stream.Name, p);
            positions[p] = details.Type switch
            {
                CursorType.Latest => log.NextOffset,
                CursorType.AtTime => log.OffsetForTimestamp(details.Time!.Value.ToUnixTimeMilliseconds()) ?? log.NextOffset,
                _ => log.LogStartOffset,
            };
        }
        return positions;
    }

    private void Sweep()
    {
        var now = _clock.GetUtcNow();
        List<LogGroupInstance> expired;
        lock (_lock)
        {
            expired = [.. _instances.Values.Where(i => i.IsExpired(now))];
            foreach (var instance in expired)
            {
                _instances.Remove(Key(instance.Stream.Ocid, instance.GroupName, instance.InstanceName));
            }
        }

        foreach (var instance in expired)
        {
            StreamLog.GroupSessionEnded(_logger, instance.GroupName, instance.InstanceName, instance.Stream.Name,
                $"no request for {instance.Timeout.TotalMilliseconds:F0} ms");
        }
    }

    private static string Key(string streamId, string groupName, string instanceName) => $"{streamId}\n{groupName}\n{instanceName}";
}
