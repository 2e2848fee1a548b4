using DevHarness.Relay.Configuration;

namespace DevHarness.Relay;

/// <summary>
/// The relay's log lines: exactly one per invocation (relayed, ignored, rejected, failed, timed out,
/// abandoned), plus start-up and Kafka client lines. Never secrets, never object contents.
/// </summary>
internal static partial class RelayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Relayed {EventId} ({EventType}) {Object}: data {Data}, {Bytes} bytes, {Messages} messages, partition {Partitions} offsets {FirstOffset}-{LastOffset}, {ElapsedMs:F1} ms, call {CallId}")]
    public static partial void Relayed(ILogger logger, string eventId, string eventType, string @object, string data, long bytes,
        int messages, string partitions, long firstOffset, long lastOffset, string callId, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Ignored {EventId}: {EventType} is not an object create/update/delete event, nothing published, {ElapsedMs:F1} ms, call {CallId}")]
    public static partial void Ignored(ILogger logger, string eventId, string eventType, string callId, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Rejected call {CallId}: field {Field}: {Reason} Nothing published, {ElapsedMs:F1} ms")]
    public static partial void Rejected(ILogger logger, string field, string reason, string callId, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error,
        Message = "Failed {EventId}: {ErrorType}: {Reason} Not acknowledged, {ElapsedMs:F1} ms, call {CallId}")]
    public static partial void Failed(ILogger logger, string eventId, string callId, string errorType, string reason, double elapsedMs, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Timed out {EventId}: {Deadline} reached, work cancelled, answered 504, {ElapsedMs:F1} ms, call {CallId}")]
    public static partial void TimedOut(ILogger logger, string eventId, string deadline, string callId, double elapsedMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Abandoned {EventId}: the caller disconnected, work cancelled, {ElapsedMs:F1} ms, call {CallId}")]
    public static partial void Abandoned(ILogger logger, string eventId, string callId, double elapsedMs);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "Fn listener ready: {SocketPath} -> {PhonyFileName}")]
    public static partial void FnListening(ILogger logger, string socketPath, string phonyFileName);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information,
        Message = "Relay started: format {Format}, publisher {Publisher} ({Target}), object storage {ObjectStorage}, auth {Auth}")]
    public static partial void Started(ILogger logger, RelayFormat format, PublisherKind publisher, string target, Uri objectStorage, string auth);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug,
        Message = "Relay built before its first call: publisher {Publisher}, topic metadata {Topic}, {ElapsedMs:F1} ms")]
    public static partial void WarmedUp(ILogger logger, PublisherKind publisher, string topic, double elapsedMs);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error,
        Message = "Could not build the relay before its first call ({Reason}); each call will try again and fail with the reason")]
    public static partial void WarmUpFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Kafka client {Level} {Facility}: {Text}")]
    public static partial void KafkaClientLog(ILogger logger, Confluent.Kafka.SyslogLevel level, string facility, string text);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Kafka client error {Code}: {Reason}")]
    public static partial void KafkaClientError(ILogger logger, Confluent.Kafka.ErrorCode code, string reason);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning,
        Message = "Kafka topic {Topic} is not on the broker ({Reason}): every call will fail until it exists; check Stream:Topic (the stream's name)")]
    public static partial void TopicMissing(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning,
        Message = "Stopping with {Count} Kafka message(s) undelivered after {Seconds} s: they belong to invocations that failed or were cancelled, none was acknowledged")]
    public static partial void UndeliveredAtStop(ILogger logger, int count, double seconds);
}
