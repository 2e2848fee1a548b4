using System.Collections.Concurrent;
using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Stream.Facade;

/// <summary>
/// The live group members behind group cursors, keyed by stream, group and instance. A member that sees
/// no GetMessages, commit or heartbeat within its <c>timeoutInMs</c> leaves the group, as in OCI.
/// </summary>
internal sealed class GroupSessions : IDisposable
{
    private readonly ConcurrentDictionary<string, GroupSession> _sessions = new(StringComparer.Ordinal);
    private readonly string _bootstrapServers;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;

    public GroupSessions(string bootstrapServers, TimeProvider clock, ILogger logger)
    {
        _bootstrapServers = bootstrapServers;
        _clock = clock;
        _logger = logger;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Joins the group as <paramref name="instanceName"/> or, if that member is live, returns it.</summary>
    public GroupSession Join(StreamDefinition stream, CreateGroupCursorDetails details, string instanceName)
    {
        var key = Key(stream.Ocid, details.GroupName, instanceName);
        var session = _sessions.GetOrAdd(key, _ => new GroupSession(_bootstrapServers, stream, details, instanceName, _clock));
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
