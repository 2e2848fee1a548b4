using DevHarness.KafkaBroker.Protocol;
using Microsoft.Extensions.Logging;

namespace DevHarness.KafkaBroker.Groups;

/// <summary>
/// One consumer group under Kafka's classic protocol: members join, the coordinator forms a generation
/// once every known member has (re)joined or the rebalance timeout passes, the leader's SyncGroup hands out
/// the assignments, and heartbeats keep sessions alive and tell members when to rejoin. A member that
/// leaves or stops heartbeating for its session timeout starts a rebalance for the rest.
/// </summary>
internal sealed class ConsumerGroup(string groupId, TimeProvider clock, ILogger logger)
{
    /// <summary>Kafka's broker defaults for the session timeouts a member may ask for.</summary>
    public const int MinSessionTimeoutMs = 6_000;
    public const int MaxSessionTimeoutMs = 1_800_000;

    private readonly Lock _lock = new();
    private readonly List<GroupMember> _members = [];
    private readonly Dictionary<string, long> _awaitingRejoin = new(StringComparer.Ordinal);
    private long _rebalanceDeadline;
    private string? _protocolName;
    private string? _leader;

    public string GroupId { get; } = groupId;

    public GroupState State { get; private set; } = GroupState.Empty;

    public int Generation { get; private set; }

    public Task<JoinResult> JoinAsync(JoinRequest request)
    {
        lock (_lock)
        {
            if (request.SessionTimeoutMs is < MinSessionTimeoutMs or > MaxSessionTimeoutMs)
            {
                return Done(new JoinResult(ErrorCode.InvalidSessionTimeout, MemberId: request.MemberId));
            }

            if (_members.Count > 0 && !Compatible(request))
            {
                return Done(new JoinResult(ErrorCode.InconsistentGroupProtocol, MemberId: request.MemberId));
            }

            var now = Now;
            if (request.MemberId.Length == 0)
            {
                var id = $"{request.ClientId}-{Guid.NewGuid():D}";
                if (request.RequireKnownMemberId)
                {
                    // KIP-394: the id is handed out first, so a join retried after a client-side timeout does
                    // not leave a phantom member behind.
                    _awaitingRejoin[id] = now + request.SessionTimeoutMs;
                    return Done(new JoinResult(ErrorCode.MemberIdRequired, MemberId: id));
                }
                return AddAndRebalance(id, request);
            }

            if (_awaitingRejoin.Remove(request.MemberId))
            {
                return AddAndRebalance(request.MemberId, request);
            }

            var member = Find(request.MemberId);
            if (member is null)
            {
                return Done(new JoinResult(ErrorCode.UnknownMemberId, MemberId: request.MemberId));
            }

            member.LastSeen = now;
            var changed = !member.SameProtocols(request);
            member.Join = request;
            if (State == GroupState.Stable && !changed && member.MemberId != _leader
                || State == GroupState.CompletingRebalance && !changed)
            {
                // Nothing new to agree on: the member gets the current generation again.
                return Done(CurrentResult(member));
            }

            if (State != GroupState.PreparingRebalance)
            {
                PrepareRebalance();
            }
            return AwaitJoin(member);
        }
    }

    public Task<SyncResult> SyncAsync(int generation, string memberId, IReadOnlyDictionary<string, byte[]> assignments)
    {
        lock (_lock)
        {
            var member = Find(memberId);
            if (member is null)
            {
                return Task.FromResult(new SyncResult(ErrorCode.UnknownMemberId, []));
            }

            member.LastSeen = Now;
            if (generation != Generation)
            {
                return Task.FromResult(new SyncResult(ErrorCode.IllegalGeneration, []));
            }

            switch (State)
            {
                case GroupState.CompletingRebalance:
                    var pending = new TaskCompletionSource<SyncResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                    member.PendingSync?.TrySetResult(new SyncResult(ErrorCode.RebalanceInProgress, []));
                    member.PendingSync = pending;
                    if (memberId == _leader)
                    {
                        foreach (var m in _members)
                        {
                            m.Assignment = assignments.TryGetValue(m.MemberId, out var assignment) ? assignment : [];
                        }

                        State = GroupState.Stable;
                        foreach (var m in _members.Where(m => m.PendingSync is not null))
                        {
                            m.PendingSync!.TrySetResult(new SyncResult(ErrorCode.None, m.Assignment));
                            m.PendingSync = null;
                        }
                    }
                    return pending.Task;
                case GroupState.Stable:
                    return Task.FromResult(new SyncResult(ErrorCode.None, member.Assignment));
                default:
                    return Task.FromResult(new SyncResult(ErrorCode.RebalanceInProgress, []));
            }
        }
    }

    public ErrorCode Heartbeat(int generation, string memberId)
    {
        lock (_lock)
        {
            var member = Find(memberId);
            if (member is null)
            {
                return ErrorCode.UnknownMemberId;
            }

            member.LastSeen = Now;
            return generation != Generation ? ErrorCode.IllegalGeneration
                : State == GroupState.PreparingRebalance ? ErrorCode.RebalanceInProgress
                : ErrorCode.None;
        }
    }

    public ErrorCode Leave(string memberId)
    {
        lock (_lock)
        {
            if (_awaitingRejoin.Remove(memberId))
            {
                return ErrorCode.None;
            }

            var member = Find(memberId);
            if (member is null)
            {
                return ErrorCode.UnknownMemberId;
            }

            Remove(member, "left the group");
            return ErrorCode.None;
        }
    }

    /// <summary>
    /// Whether an OffsetCommit from this member and generation may be stored (Kafka's rules): a consumer
    /// outside any group (generation -1) may commit while the group has no members; a member only for the
    /// current generation and not during a rebalance.
    /// </summary>
    public ErrorCode CanCommit(int generation, string memberId)
    {
        lock (_lock)
        {
            if (generation < 0 && memberId.Length == 0)
            {
                return _members.Count == 0 ? ErrorCode.None : ErrorCode.UnknownMemberId;
            }

            var member = Find(memberId);
            if (member is null)
            {
                return ErrorCode.UnknownMemberId;
            }

            member.LastSeen = Now;
            return generation != Generation ? ErrorCode.IllegalGeneration
                : State is GroupState.PreparingRebalance or GroupState.CompletingRebalance ? ErrorCode.RebalanceInProgress
                : ErrorCode.None;
        }
    }

    /// <summary>
    /// Runs <paramref name="commit"/> under the group's lock if the group has no members, so that none joins
    /// meanwhile (Kafka's rule for commits from outside the group); false, not running it, when it has.
    /// </summary>
    public bool CommitWhileEmpty(Action commit)
    {
        lock (_lock)
        {
            if (_members.Count > 0)
            {
                return false;
            }

            commit();
            return true;
        }
    }

    /// <summary>Ends what has timed out: a rebalance past its deadline, sessions without heartbeats, unused member ids.</summary>
    public void Tick()
    {
        lock (_lock)
        {
            var now = Now;
            foreach (var (id, deadline) in _awaitingRejoin.ToList())
            {
                if (now > deadline)
                {
                    _awaitingRejoin.Remove(id);
                }
            }

            if (State == GroupState.PreparingRebalance && now >= _rebalanceDeadline)
            {
                TryCompleteJoin(deadlinePassed: true);
            }

            foreach (var member in _members.ToList())
            {
                if (member.PendingJoin is null && now > member.LastSeen + member.Join.SessionTimeoutMs)
                {
                    Remove(member, $"no heartbeat within its {member.Join.SessionTimeoutMs} ms session timeout");
                }
            }
        }
    }

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static Task<T> Done<T>(T result) => Task.FromResult(result);

    private GroupMember? Find(string memberId) => _members.Find(m => m.MemberId == memberId);

    private bool Compatible(JoinRequest request) =>
        request.ProtocolType == _members[0].Join.ProtocolType
        && request.Protocols.Any(p => _members.All(m => m.Join.Protocols.Any(q => q.Name == p.Name)));

    private Task<JoinResult> AddAndRebalance(string memberId, JoinRequest request)
    {
        var member = new GroupMember(memberId, request) { LastSeen = Now };
        _members.Add(member);
        if (State != GroupState.PreparingRebalance)
        {
            PrepareRebalance();
        }
        return AwaitJoin(member);
    }

    private Task<JoinResult> AwaitJoin(GroupMember member)
    {
        var pending = new TaskCompletionSource<JoinResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        member.PendingJoin?.TrySetResult(new JoinResult(ErrorCode.RebalanceInProgress, MemberId: member.MemberId));
        member.PendingJoin = pending;
        TryCompleteJoin(deadlinePassed: false);
        return pending.Task;
    }

    private void PrepareRebalance()
    {
        // Members waiting in SyncGroup for a generation that will now never complete learn at once.
        foreach (var member in _members.Where(m => m.PendingSync is not null))
        {
            member.PendingSync!.TrySetResult(new SyncResult(ErrorCode.RebalanceInProgress, []));
            member.PendingSync = null;
        }

        State = GroupState.PreparingRebalance;
        _rebalanceDeadline = Now + _members.Select(m => m.Join.RebalanceTimeoutMs).DefaultIfEmpty(0).Max();
    }

    /// <summary>Forms the next generation once every member has rejoined, or at the deadline without those that have not.</summary>
    private void TryCompleteJoin(bool deadlinePassed)
    {
        if (State != GroupState.PreparingRebalance || (!deadlinePassed && _members.Any(m => m.PendingJoin is null)))
        {
            return;
        }

        foreach (var late in _members.Where(m => m.PendingJoin is null).ToList())
        {
            _members.Remove(late);
            BrokerLog.MemberLeft(logger, GroupId, late.MemberId, "did not rejoin within the rebalance timeout");
        }

        Generation++;
        if (_members.Count == 0)
        {
            State = GroupState.Empty;
            _protocolName = null;
            _leader = null;
            return;
        }

        _protocolName = SelectProtocol();
        if (_leader is null || Find(_leader) is null)
        {
            _leader = _members[0].MemberId;
        }

        State = GroupState.CompletingRebalance;
        var now = Now;
        foreach (var member in _members)
        {
            member.LastSeen = now;
            member.Assignment = [];
            member.PendingJoin!.TrySetResult(CurrentResult(member));
            member.PendingJoin = null;
        }
        BrokerLog.GroupRebalanced(logger, GroupId, Generation, _members.Count, _leader, _protocolName);
    }

    private JoinResult CurrentResult(GroupMember member) => new(
        ErrorCode.None,
        Generation,
        _protocolName,
        _leader!,
        member.MemberId,
        member.MemberId == _leader ? [.. _members.Select(m => (m.MemberId, m.Join.GroupInstanceId, m.MetadataFor(_protocolName!)))] : []);

    /// <summary>Kafka's vote: each member names its first protocol every member supports; the most named wins.</summary>
    private string SelectProtocol()
    {
        var candidates = _members[0].Join.Protocols.Select(p => p.Name)
            .Where(name => _members.All(m => m.Join.Protocols.Any(p => p.Name == name)))
            .ToList();
        return _members
            .Select(m => m.Join.Protocols.First(p => candidates.Contains(p.Name)).Name)
            .GroupBy(name => name)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => candidates.IndexOf(g.Key))
            .First().Key;
    }

    private void Remove(GroupMember member, string reason)
    {
        _members.Remove(member);
        member.PendingJoin?.TrySetResult(new JoinResult(ErrorCode.UnknownMemberId, MemberId: member.MemberId));
        member.PendingSync?.TrySetResult(new SyncResult(ErrorCode.UnknownMemberId, []));
        BrokerLog.MemberLeft(logger, GroupId, member.MemberId, reason);
        if (State == GroupState.PreparingRebalance)
        {
            TryCompleteJoin(deadlinePassed: false);
        }
        else if (_members.Count == 0)
        {
            State = GroupState.Empty;
            Generation++;
            _leader = null;
            _protocolName = null;
        }
        else
        {
            PrepareRebalance();
        }
    }
}
