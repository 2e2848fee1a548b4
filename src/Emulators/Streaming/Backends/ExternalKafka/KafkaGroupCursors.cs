using System.Collections.Concurrent;
using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DevHarness.Emulators.Streaming.Facade;
using DevHarness.Oci.Streaming;
using DevHarness.Oci.Streaming.Kafka;

namespace DevHarness.Emulators.Streaming.Backends.ExternalKafka;

/// <summary>
/// Group cursors on an external Kafka: each instance is a real Kafka consumer-group member, keyed by stream,
/// group and instance. A member that sees no GetMessages, commit or heartbeat within its <c>timeoutInMs</c>
/// leaves the group, as in OCI.
/// </summary>
internal sealed class KafkaGroupCursors : IGroupCursors
{
    private readonly ConcurrentDictionary<string, KafkaGroupInstance> _sessions = new(StringComparer.Ordinal);
    private readonly string _bootstrapServers;
    private readonly KafkaPartitionReader _reader;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;
    private readonly Lazy<IAdminClient> _admin;

    public KafkaGroupCursors(string bootstrapServers, KafkaPartitionReader reader, TimeProvider clock, ILogger logger)
    {
        _bootstrapServers = bootstrapServers;
        _reader = reader;
        _clock = clock;
        _logger = logger;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _admin = new(() => new AdminClientBuilder(new AdminClientConfig(OciKafkaSettings.Admin(bootstrapServers)) { ClientId = "devharness-stream-admin" }).Build());
    }

    public async Task<Group> DescribeAsync(StreamDefinition stream, string groupName, CancellationToken cancellationToken)
    {
        var partitions = Enumerable.Range(0, stream.Partitions).Select(p => new TopicPartition(stream.Name, p)).ToList();
        var listed = await _admin.Value.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(groupName, partitions)])
            .WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        var committed = listed.Single().Partitions.ToDictionary(p => p.Partition.Value, p => p.Offset.Value);
        var members = _sessions.Values.Where(s => s.Stream.Ocid == stream.Ocid && s.GroupName == groupName).ToList();
        var reservations = Enumerable.Range(0, stream.Partitions).Select(p =>
        {
            var holder = members.FirstOrDefault(m => m.AssignedPartitions.Contains(p));
            return new PartitionReservation(
                p.ToString(CultureInfo.InvariantCulture),
                committed.TryGetValue(p, out var offset) && offset >= 0 ? offset : null,
                holder?.InstanceName,
                holder is null ? null : holder.LastUsed + holder.Timeout);
        }).ToList();
        return new Group(stream.Ocid, groupName, reservations);
    }

    public async Task ResetAsync(StreamDefinition stream, string groupName, IReadOnlyDictionary<int, long> offsets, CancellationToken cancellationToken)
    {
        // The group's REST instances leave it first (leaving waits for the broker): Kafka resets only a group without members.
        var keys = _sessions.Where(s => s.Value.Stream.Ocid == stream.Ocid && s.Value.GroupName == groupName).Select(s => s.Key).ToList();
        await DedicatedThread.RunAsync(() => keys.Count(key => End(key, "the group was reset (UpdateGroup)")));
        try
        {
            ConsumerGroupTopicPartitionOffsets reset = new(groupName, [.. offsets.Select(o => new TopicPartitionOffset(stream.Name, o.Key, o.Value))]);
            await _admin.Value.AlterConsumerGroupOffsetsAsync([reset]).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (AlterConsumerGroupOffsetsException e)
        {
            var errors = e.Results.SelectMany(r => r.Partitions.Select(p => p.Error).Append(r.Error)).Where(error => error.IsError).ToList();
            throw errors.Any(error => error.Code is ErrorCode.UnknownMemberId or ErrorCode.IllegalGeneration or ErrorCode.RebalanceInProgress)
                ? OciProblem.GroupHasKafkaMembers(groupName)
                : new OciProblem(500, "InternalServerError", $"Kafka did not reset consumer group {groupName}: {string.Join("; ", errors.Select(error => error.Reason).Distinct())}");
        }
    }

    public async Task<IGroupInstance> JoinAsync(StreamDefinition stream, CreateGroupCursorDetails details, string instanceName, CancellationToken cancellationToken)
    {
        var key = Key(stream.Ocid, details.GroupName, instanceName);
        if (!_sessions.TryGetValue(key, out var session))
        {
            // Building the consumer and subscribing talk to the broker: off the thread pool.
            var created = await DedicatedThread.RunAsync(() => new KafkaGroupInstance(_bootstrapServers, stream, details, instanceName, _reader, _clock));
            session = _sessions.GetOrAdd(key, created);
            if (!ReferenceEquals(session, created))
            {
                _ = DedicatedThread.RunAsync(() => { created.Dispose(); return 0; });
            }
        }

        session.Touch();
        return session;
    }

    public IGroupInstance Get(StreamDefinition stream, string groupName, string instanceName) =>
        _sessions.TryGetValue(Key(stream.Ocid, groupName, instanceName), out var session)
            ? session
            : throw OciProblem.InvalidParameter(
                $"cursor's group member {instanceName} of group {groupName} is no longer in the group (no request within its timeoutInMs). Create a new group cursor.");

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var key in _sessions.Keys)
        {
            End(key, "emulator stopping");
        }

        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    private void Sweep()
    {
        var now = _clock.GetUtcNow();
        foreach (var (key, session) in _sessions)
        {
            if (session.IsExpired(now))
            {
                // Leaving the group waits for the broker: off the thread pool the timer runs on.
                _ = DedicatedThread.RunAsync(() => End(key, $"no request for {session.Timeout.TotalMilliseconds:F0} ms"));
            }
        }
    }

    private bool End(string key, string reason)
    {
        if (!_sessions.TryRemove(key, out var session))
        {
            return false;
        }

        session.Dispose();
        StreamLog.GroupSessionEnded(_logger, session.GroupName, session.InstanceName, session.Stream.Name, reason);
        return true;
    }

    private static string Key(string streamId, string groupName, string instanceName) => $"{streamId}\n{groupName}\n{instanceName}";
}
