using Confluent.Kafka;
using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming;

/// <summary>
/// Every Kafka client setting the stream stand-in uses, in one place. The relay's Kafka publisher mirrors
/// <see cref="Producer"/> so a key lands in the same partition whichever API wrote it.
/// </summary>
internal static class StreamKafkaSettings
{
    /// <summary>
    /// librdkafka's <c>message.max.bytes</c> bounds the encoded record batch, which adds framing to the
    /// 1 MiB of key and value OCI allows (OCI-NOTES §2.5); the facade enforces the decoded limit itself.
    /// </summary>
    public const int MaxEncodedMessageBytes = StreamLimits.MaxMessageBytes + (64 * 1024);

    /// <summary>
    /// As OCI Streaming requires (OCI-NOTES §3): acks=all, no idempotence (the service, and our embedded
    /// broker, refuse InitProducerId), the Java client's murmur2 partitioner (<see cref="StreamLimits.KafkaPartitioner"/>).
    /// </summary>
    public static ProducerConfig Producer(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        Acks = Acks.All,
        EnableIdempotence = false,
        Partitioner = Partitioner.Murmur2Random,
        MessageMaxBytes = MaxEncodedMessageBytes,
        LingerMs = 2,
        MessageSendMaxRetries = 5,
        ClientId = "devharness-stream-facade",
    };

    /// <summary>A reader assigned to one partition at a time; never commits, fails rather than skipping data retention deleted.</summary>
    public static ConsumerConfig PartitionReader(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        // Confluent.Kafka wants a group id even for assign(); nothing is ever committed under it.
        GroupId = "devharness-stream-facade-readers",
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        EnablePartitionEof = true,
        AutoOffsetReset = AutoOffsetReset.Error,
        FetchWaitMaxMs = 50,
        MaxPartitionFetchBytes = MaxEncodedMessageBytes,
        ClientId = "devharness-stream-facade-reader",
    };

    /// <summary>One member of a real Kafka consumer group standing in for an OCI group cursor's instance.</summary>
    public static ConsumerConfig GroupMember(string bootstrapServers, string groupName, string instanceName, CursorType type, int sessionTimeoutMs) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupName,
        ClientId = $"devharness-stream-facade-{instanceName}",
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        EnablePartitionEof = true,
        AutoOffsetReset = type == CursorType.Latest ? AutoOffsetReset.Latest : AutoOffsetReset.Earliest,
        SessionTimeoutMs = sessionTimeoutMs,
        FetchWaitMaxMs = 50,
        MaxPartitionFetchBytes = MaxEncodedMessageBytes,
    };

    public static AdminClientConfig Admin(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        ClientId = "devharness-stream-admin",
    };
}
