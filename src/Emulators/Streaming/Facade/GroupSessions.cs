using System.Collections.Concurrent;
using System.Globalization;
using Confluent.Kafka;
using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// The live group members behind group cursors, keyed by stream, group and instance. A member that sees
/// no GetMessages, commit or heartbeat within its <c>timeoutInMs</c> leaves the group, as in OCI.
/// </summary>
internal sealed class GroupSessions : IDisposable
{
    private readonly ConcurrentDictionary<string, GroupSession> _sessions = new(StringComparer.Ordinal);
    private readonly string _bootstrapServers;
    private readonly PartitionReader _reader;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;
    private readonly Lazy<IAdminClient> _admin;

    public GroupSessions(string bootstrapServers, PartitionReader reader, TimeProvider clock, ILogger logger)
    {
        _bootstrapServers = bootstrapServers;
        _reader = reader;
        _clock = clock;
        _logger = logger;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _admin = new(() => new AdminClientBuilder(StreamKafkaSettings.Admin(bootstrapServers)).Build());
    }

    /// <summary>
    /// OCI's GetGroup: per partition, the offset the group committed (read from the broker) and which live
    /// instance holds it until when.
    /// </summary>
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

    /// <summary>Joins the group as <paramref name="instanceName"/> or, if that member is live, returns it.</summary>
    public GroupSession Join(StreamDefinition stream, CreateGroupCursorDetails details, string instanceName)
    {
        var key = Key(stream.Ocid, details.GroupName, instanceName);
        var session = _sessions.GetOrAdd(key, _ => new GroupSession(_bootstrapServers, stream, details, instanceName, _reader, _clock));
        session.Touch();
        return session;
    }

    /// <summary>The live member a group cursor names; 400 once it has left the group.</summary>
    public GroupSession Get(StreamDefinition stream, string groupName, string instanceName) =>
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
                End(key, $"no request for {session.Timeout.TotalMilliseconds:F0} ms");
            }
        }
    }

    private void End(string key, string reason)
    {
        if (_sessions.TryRemove(key, out var session))
        {
            session.Dispose();
            StreamLog.GroupSessionEnded(_logger, session.GroupName, session.InstanceName, session.Stream.Name, reason);
        }
    }

    private static string Key(string streamId, string groupName, string instanceName) => $"{streamId}\n{groupName}\n{instanceName}";
}
