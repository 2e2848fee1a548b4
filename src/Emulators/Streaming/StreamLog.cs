
namespace DevHarness.Emulators.Streaming;

/// <summary>Every log line of the stream stand-in (structured, with stable event ids).</summary>
internal static partial class StreamLog
{
    [LoggerMessage(2, LogLevel.Information, "Stream {Ocid} = topic {Topic} with {Partitions} partitions")]
    public static partial void StreamReady(ILogger logger, string ocid, string topic, int partitions);

    [LoggerMessage(5, LogLevel.Information, "OCI Streaming REST facade listening on {Url} over Kafka {Bootstrap}")]
    public static partial void FacadeStarted(ILogger logger, Uri url, string bootstrap);

    [LoggerMessage(6, LogLevel.Information, "{Operation} {Method} {Path} stream={Stream} partitions={Partitions} -> {Status} in {Milliseconds:F1} ms")]
    public static partial void Request(ILogger logger, string operation, string method, string path, string stream, string partitions, int status, double milliseconds);

    [LoggerMessage(7, LogLevel.Information, "Topic {Topic} exists on {Bootstrap} with {Partitions} partitions")]
    public static partial void TopicExists(ILogger logger, string topic, string bootstrap, int partitions);

    [LoggerMessage(9, LogLevel.Information, "Fault injection set: {Fault}")]
    public static partial void FaultSet(ILogger logger, string fault);

    [LoggerMessage(10, LogLevel.Information, "Fault injection cleared")]
    public static partial void FaultsCleared(ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "Group {Group} instance {Instance} on {Topic}: session ended ({Reason})")]
    public static partial void GroupSessionEnded(ILogger logger, string group, string instance, string topic, string reason);

    [LoggerMessage(13, LogLevel.Warning, "Signature rejected on {Method} {Path}: {Reason}")]
    public static partial void SignatureRejected(ILogger logger, string method, string path, string reason);

    [LoggerMessage(14, LogLevel.Information, "Requests must be signed with the key in {PublicKeyFile}")]
    public static partial void VerifyingSignatures(ILogger logger, string publicKeyFile);

    [LoggerMessage(12, LogLevel.Warning, "Request failed unexpectedly: {Operation} {Path}")]
    public static partial void Unexpected(ILogger logger, Exception exception, string operation, string path);
}
