using Microsoft.Extensions.Logging;

namespace DevHarness.KafkaBroker;

/// <summary>Every log line of the embedded Kafka broker (structured, with stable event ids).</summary>
internal static partial class BrokerLog
{
    [LoggerMessage(101, LogLevel.Information, "Kafka broker listening on {Bootstrap}, log in {DataDirectory} ({Kind}), retention {RetentionHours} h{RetentionBytes}")]
    public static partial void Started(ILogger logger, string bootstrap, string dataDirectory, string kind, int retentionHours, string retentionBytes);

    [LoggerMessage(102, LogLevel.Information, "Topic {Topic} created with {Partitions} partitions")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(103, LogLevel.Warning, "Partition {Partition} of {Topic}: segment {Segment} cut at byte {Position} on recovery ({Problem}); it was being written when the process stopped, and was never acknowledged")]
    public static partial void TornTail(ILogger logger, string topic, int partition, long segment, long position, string problem);

    [LoggerMessage(104, LogLevel.Information, "Partition {Partition} of {Topic}: retention deleted {Count} messages, log now starts at offset {LogStart}")]
    public static partial void RetentionDeleted(ILogger logger, string topic, int partition, long count, long logStart);

    [LoggerMessage(105, LogLevel.Warning, "Kafka client {Client} at {Remote}: {Problem}; closing the connection")]
    public static partial void ProtocolError(ILogger logger, string client, string remote, string problem);

    [LoggerMessage(106, LogLevel.Information, "Produce to {Topic}/{Partition} from {Client} refused with {Error}: {Reason}")]
    public static partial void ProduceRefused(ILogger logger, string topic, int partition, string client, string error, string reason);

    [LoggerMessage(107, LogLevel.Information, "Group {Group}: generation {Generation} with {Members} members, leader {Leader}, protocol {Protocol}")]
    public static partial void GroupRebalanced(ILogger logger, string group, int generation, int members, string leader, string protocol);

    [LoggerMessage(108, LogLevel.Information, "Group {Group}: member {Member} left ({Reason})")]
    public static partial void MemberLeft(ILogger logger, string group, string member, string reason);

    [LoggerMessage(109, LogLevel.Warning, "Kafka client {Client} asked for {Api} v{Version}, which this broker does not implement; closing the connection")]
    public static partial void UnsupportedApi(ILogger logger, string client, string api, int version);

    [LoggerMessage(110, LogLevel.Error, "Request {Api} from {Client} failed unexpectedly; closing the connection")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string api, string client);

    [LoggerMessage(111, LogLevel.Information, "Committed offsets: {Count} loaded from {File}")]
    public static partial void OffsetsLoaded(ILogger logger, int count, string file);
}
