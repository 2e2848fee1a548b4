using Microsoft.Extensions.Logging;

namespace DevHarness.Hosting.Oci;

/// <summary>What the integration's dashboard commands and cloud resources write into resource consoles.</summary>
internal static partial class OciHostingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Service} in the tenancy of OCI profile [{Profile}] ({ConfigFile}), region {Region}")]
    public static partial void CloudService(this ILogger logger, string service, string profile, string configFile, string region);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Problem}")]
    public static partial void CloudServiceUnusable(this ILogger logger, string problem);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Uploaded {Object} to /n/{Namespace}/b/{Bucket} ({Bytes} bytes, etag {ETag})")]
    public static partial void SampleUploaded(this ILogger logger, string @object, string @namespace, string bucket, int bytes, string? eTag);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Tail of {Topic}: {Count} message(s), newest last")]
    public static partial void TailHeader(this ILogger logger, string topic, int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "p{Partition}@{Offset} {Timestamp:O} key={Key} {Summary}")]
    public static partial void TailMessage(this ILogger logger, int partition, long offset, DateTime timestamp, string key, string summary);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Start clean: {Resource} stopped, {Folder} removed, starting again")]
    public static partial void StartedClean(this ILogger logger, string resource, string folder);
}
