namespace DevHarness.KafkaBroker.Protocol.Apis;

/// <summary>Metadata v1-8: one broker (this one) leads every partition; unknown topics are errors unless auto-creation is on.</summary>
internal static class MetadataApi
{
    public static void Handle(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response)
    {
        var version = header.ApiVersion;
        var requested = request.ArrayLength() is var count and >= 0
            ? Enumerable.Range(0, count).Select(_ => request.String()).ToList()
            : null;
        var allowCreate = version < 4 || request.Boolean();

        var topics = requested ?? [.. broker.Logs.TopicNames.Order(StringComparer.Ordinal)];
        if (version >= 3)
        {
            response.Int32(0); // throttle time
        }

        response.ArrayLength(1);
        response.Int32(BrokerContext.NodeId);
        response.String(broker.AdvertisedHost);
        response.Int32(broker.AdvertisedPort);
        response.String(null); // rack
        if (version >= 2)
        {
            response.String(BrokerContext.ClusterId);
        }
        response.Int32(BrokerContext.NodeId); // controller

        response.ArrayLength(topics.Count);
        foreach (var name in topics)
        {
            var partitions = TopicDefinition.IsValidName(name) ? broker.Topic(name, allowCreate) : null;
            var error = partitions is not null ? ErrorCode.None
                : TopicDefinition.IsValidName(name) ? ErrorCode.UnknownTopicOrPartition
                : ErrorCode.InvalidTopic;
            response.Int16((short)error);
            response.String(name);
            response.Boolean(false); // internal
            response.ArrayLength(partitions?.Length ?? 0);
            for (var p = 0; p < (partitions?.Length ?? 0); p++)
            {
                response.Int16((short)ErrorCode.None);
                response.Int32(p);
                response.Int32(BrokerContext.NodeId); // leader
                if (version >= 7)
                {
                    response.Int32(-1); // leader epoch: not tracked (a single broker never changes leader)
                }
                response.ArrayLength(1);
                response.Int32(BrokerContext.NodeId); // replicas
                response.ArrayLength(1);
                response.Int32(BrokerContext.NodeId); // in-sync replicas
                if (version >= 5)
                {
                    response.ArrayLength(0); // offline replicas
                }
            }

            if (version >= 8)
            {
                response.Int32(int.MinValue); // authorized operations: not computed
            }
        }

        if (version >= 8)
        {
            response.Int32(int.MinValue);
        }
    }
}
