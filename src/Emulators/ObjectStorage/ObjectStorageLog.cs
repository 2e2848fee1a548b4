
namespace DevHarness.Emulators.ObjectStorage;

internal static partial class ObjectStorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Object Storage emulator listening on {Url} (namespace {Namespace}, buckets {Buckets})")]
    public static partial void Started(ILogger logger, string url, string @namespace, string buckets);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Target} -> {Status} in {ElapsedMs:0.0} ms")]
    public static partial void Request(ILogger logger, string method, string target, int status, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Event {EventType} for '{Name}' delivered ({Status})")]
    public static partial void EventDelivered(ILogger logger, string eventType, string name, int status);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Event {EventType} for '{Name}' not delivered (attempt {Attempt}: {Reason}); retrying in {Delay}")]
    public static partial void EventRetry(ILogger logger, string eventType, string name, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Event {EventType} for '{Name}' lost after {Attempts} attempts: {Reason}")]
    public static partial void EventLost(ILogger logger, string eventType, string name, int attempts, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Stopping with {Count} object events still queued; they are not delivered")]
    public static partial void EventsAbandoned(ILogger logger, int count);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Seeded {Count} objects from {Directory}")]
    public static partial void Seeded(ILogger logger, int count, string directory);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "WireMock: {Message}")]
    public static partial void WireMockWarning(ILogger logger, string message);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "WireMock: {Message}")]
    public static partial void WireMockError(ILogger logger, string message, Exception? exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "{Method} {Target} refused: {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string target, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Data directory: {Problem}")]
    public static partial void Unreadable(ILogger logger, string problem);
}
