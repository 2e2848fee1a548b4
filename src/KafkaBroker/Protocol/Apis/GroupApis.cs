using DevHarness.KafkaBroker.Groups;

namespace DevHarness.KafkaBroker.Protocol.Apis;

/// <summary>JoinGroup v0-5, SyncGroup v0-3, Heartbeat v0-3 and LeaveGroup v0-3, over <see cref="ConsumerGroup"/>.</summary>
internal static class GroupApis
{
    public static async Task JoinAsync(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var version = header.ApiVersion;
        var groupId = request.String();
        var sessionTimeout = request.Int32();
        var rebalanceTimeout = version >= 1 ? request.Int32() : sessionTimeout;
        var memberId = request.String();
        var instanceId = version >= 5 ? request.NullableString() : null;
        var protocolType = request.String();
        var protocols = request.Array(r => (r.String(), r.Bytes().ToArray()));

        var result = groupId.Length == 0
            ? new JoinResult(ErrorCode.InvalidGroupId, MemberId: memberId)
            : await broker.Groups.Get(groupId).JoinAsync(new JoinRequest(memberId, instanceId, header.ClientId, sessionTimeout, rebalanceTimeout, protocolType, protocols, RequireKnownMemberId: version >= 4)).WaitAsync(cancellationToken);

        if (version >= 2)
        {
            response.Int32(0); // throttle time
        }
        response.Int16((short)result.Error);
        response.Int32(result.GenerationId);
        response.String(result.ProtocolName ?? "");
        response.String(result.Leader);
        response.String(result.MemberId);
        response.Array(result.Members ?? [], (w, m) =>
        {
            w.String(m.MemberId);
            if (version >= 5)
            {
                w.String(m.GroupInstanceId);
            }
            w.Bytes(m.Metadata);
        });
    }

    public static async Task SyncAsync(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var version = header.ApiVersion;
        var groupId = request.String();
        var generation = request.Int32();
        var memberId = request.String();
        if (version >= 3)
        {
            request.NullableString(); // group instance id
        }

        var assignments = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (member, assignment) in request.Array(r => (r.String(), r.Bytes().ToArray())))
        {
            assignments[member] = assignment;
        }

        var result = await broker.Groups.Get(groupId).SyncAsync(generation, memberId, assignments).WaitAsync(cancellationToken);
        if (version >= 1)
        {
            response.Int32(0); // throttle time
        }
        response.Int16((short)result.Error);
        response.Bytes(result.Assignment);
    }

    public static void Heartbeat(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response)
    {
        var version = header.ApiVersion;
        var groupId = request.String();
        var generation = request.Int32();
        var memberId = request.String();
        var error = broker.Groups.Get(groupId).Heartbeat(generation, memberId);
        if (version >= 1)
        {
            response.Int32(0); // throttle time
        }
        response.Int16((short)error);
    }

    public static void Leave(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response)
    {
        var version = header.ApiVersion;
        var group = broker.Groups.Get(request.String());
        if (version >= 1)
        {
            response.Int32(0); // throttle time
        }

        if (version < 3)
        {
            response.Int16((short)group.Leave(request.String()));
            return;
        }

        var members = request.Array(r => (MemberId: r.String(), InstanceId: r.NullableString()));
        var errors = members.Select(m => group.Leave(m.MemberId)).ToList();
        response.Int16((short)ErrorCode.None);
        response.ArrayLength(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            response.String(members[i].MemberId);
            response.String(members[i].InstanceId);
            response.Int16((short)errors[i]);
        }
    }
}
