namespace DevHarness.KafkaBroker.Protocol.Apis;

/// <summary>OffsetCommit v2-7 and OffsetFetch v1-5: committed offsets kept on disk (<see cref="Groups.CommittedOffsets"/>).</summary>
internal static class OffsetApis
{
    public static void Commit(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response)
    {
        var version = header.ApiVersion;
        var groupId = request.String();
        var generation = request.Int32();
        var memberId = request.String();
        if (version >= 7)
        {
            request.NullableString(); // group instance id
        }
        if (version <= 4)
        {
            request.Int64(); // retention time: offsets are kept as long as the data folder
        }

        var topics = request.Array(r => (Name: r.String(), Partitions: r.Array(p =>
        {
            var index = p.Int32();
            var offset = p.Int64();
            if (version >= 6)
            {
                p.Int32(); // leader epoch
            }
            return (Index: index, Offset: offset, Metadata: p.NullableString());
        })));

        var groupError = groupId.Length == 0 ? ErrorCode.InvalidGroupId : broker.Groups.Get(groupId).CanCommit(generation, memberId);
        if (version >= 3)
        {
            response.Int32(0); // throttle time
        }

        response.Array(topics, (w, topic) =>
        {
            var logs = broker.Topic(topic.Name, create: false);
            w.String(topic.Name);
            w.Array(topic.Partitions, (w, p) =>
            {
                var error = groupError != ErrorCode.None ? groupError
                    : logs is null || p.Index < 0 || p.Index >= logs.Length ? ErrorCode.UnknownTopicOrPartition
                    : ErrorCode.None;
                if (error == ErrorCode.None)
                {
                    broker.Groups.Offsets.Commit(groupId, topic.Name, p.Index, p.Offset, p.Metadata);
                }
                w.Int32(p.Index);
                w.Int16((short)error);
            });
        });
    }

    public static void Fetch(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response)
    {
        var version = header.ApiVersion;
        var groupId = request.String();
        var requested = request.ArrayLength() is var count and >= 0
            ? Enumerable.Range(0, count).Select(_ => (Name: request.String(), Partitions: request.Array(p => p.Int32()))).ToList()
            : null;

        // A null topic list (v2+) asks for everything the group has committed.
        var topics = requested ?? [.. broker.Groups.Offsets.ForGroup(groupId)
            .GroupBy(o => o.Topic)
            .Select(g => (Name: g.Key, Partitions: g.Select(o => o.Partition).Order().ToList()))];

        if (version >= 3)
        {
            response.Int32(0); // throttle time
        }

        response.Array(topics, (w, topic) =>
        {
            w.String(topic.Name);
            w.Array(topic.Partitions, (w, partition) =>
            {
                var committed = broker.Groups.Offsets.GetWithMetadata(groupId, topic.Name, partition);
                w.Int32(partition);
                w.Int64(committed?.Offset ?? -1);
                if (version >= 5)
                {
                    w.Int32(-1); // leader epoch
                }
                w.String(committed?.Metadata ?? "");
                w.Int16((short)ErrorCode.None);
            });
        });

        if (version >= 2)
        {
            response.Int16((short)ErrorCode.None);
        }
    }
}
