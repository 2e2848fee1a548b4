using DevHarness.KafkaBroker.Groups;
using DevHarness.KafkaBroker.Storage;
using Microsoft.Extensions.Logging;

namespace DevHarness.KafkaBroker;

/// <summary>What every request handler reaches: the logs, the groups, the options and the address to advertise.</summary>
internal sealed record BrokerContext(LogStore Logs, GroupCoordinator Groups, BrokerOptions Options, string AdvertisedHost, int AdvertisedPort, ILogger Logger)
{
    /// <summary>This broker's id in metadata: a cluster of one.</summary>
    public const int NodeId = 1;

    public const string ClusterId = "devharness-local";

    /// <summary>The partitions of <paramref name="topic"/>, creating it first when auto-creation is on and <paramref name="create"/> allows.</summary>
    public PartitionLog[]? Topic(string topic, bool create)
    {
        if (Logs.TryGet(topic, out var partitions))
        {
            return partitions;
        }

        return create && Options.AutoCreateTopics && TopicDefinition.IsValidName(topic)
            ? Logs.Ensure(new TopicDefinition(topic, 1))
            : null;
    }
}
