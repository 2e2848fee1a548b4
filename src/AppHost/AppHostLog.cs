using Microsoft.Extensions.Logging;

namespace DevHarness.AppHost;

/// <summary>The AppHost's log lines: start-up choices and what the dashboard commands did.</summary>
internal static partial class AppHostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Kafka: {Mode} ({Reason})")]
    public static partial void KafkaModeChosen(this ILogger logger, string mode, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "OCI profile [{Profile}] from {ConfigFile}, region {Region}: no emulators start; the relay publishes with {Publisher}")]
    public static partial void OciProfileMode(this ILogger logger, string profile, string configFile, string region, string publisher);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Uploaded {Object} to /n/{Namespace}/b/{Bucket} ({Bytes} bytes, etag {ETag})")]
    public static partial void SampleUploaded(this ILogger logger, string @object, string @namespace, string bucket, int bytes, string? eTag);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Tail of {Topic}: {Count} message(s), newest last")]
    public static partial void TailHeader(this ILogger logger, string topic, int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "p{Partition}@{Offset} {Timestamp:O} key={Key} {Summary}")]
    public static partial void TailMessage(this ILogger logger, int partition, long offset, DateTime timestamp, string key, string summary);
}
