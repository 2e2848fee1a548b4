namespace DevHarness.KafkaBroker.Protocol.Apis;

/// <summary>ListOffsets v1-5: the earliest (-2) and latest (-1) offsets, or the first at or after a timestamp.</summary>
internal static class ListOffsetsApi
{
    private const long Latest = -1;
    private const long Earliest = -2;

    public static void Handle(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response)
    {
        var version = header.ApiVersion;
        request.Int32(); // replica id
        if (version >= 2)
        {
            request.Int8(); // isolation level: every offset here is committed
        }

        var topics = request.Array(r => (Name: r.String(), Partitions: r.Array(p =>
        {
            var index = p.Int32();
            if (version >= 4)
            {
                p.Int32(); // current leader epoch
            }
            return (Index: index, Timestamp: p.Int64());
        })));

        if (version >= 2)
        {
            response.Int32(0); // throttle time
        }

        response.Array(topics, (w, topic) =>
        {
            var logs = broker.Topic(topic.Name, create: false);
            w.String(topic.Name);
            w.Array(topic.Partitions, (w, p) =>
            {
                var log = logs is not null && p.Index >= 0 && p.Index < logs.Length ? logs[p.Index] : null;
                var (offset, timestamp) = log is null ? (-1L, -1L)
                    : p.Timestamp == Latest ? (log.NextOffset, -1L)
                    : p.Timestamp == Earliest ? (log.LogStartOffset, -1L)
                    : log.RecordForTimestamp(p.Timestamp) is { } found ? (found.Offset, found.Timestamp)
                    : (-1L, -1L);
                w.Int32(p.Index);
                w.Int16((short)(log is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.None));
                w.Int64(timestamp);
                w.Int64(offset);
                if (version >= 4)
                {
                    w.Int32(-1); // leader epoch
                }
            });
        });
    }
}
