namespace DevHarness.Emulators.Events;

internal static partial class EventsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Events emulator listening on {Url} with {Count} rule(s): {Rules}")]
    public static partial void Started(ILogger logger, string url, int count, string rules);

    // Debug: each matched event is logged once at Information, when its function has been invoked (Invoked).
    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Event {EventType} {EventId} matched {Rules}")]
    public static partial void Accepted(ILogger logger, string eventType, string eventId, string rules);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Invoked {Target} for {EventType} {EventId} (rule {Rule}) in {ElapsedMs:0.0} ms")]
    public static partial void Invoked(ILogger logger, string eventType, string eventId, string target, string rule, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Invoking {Target} for {EventType} {EventId} failed (attempt {Attempt}: {Reason}); retrying in {Delay}")]
    public static partial void InvocationRetry(ILogger logger, string eventType, string eventId, string target, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Dead letter: {EventType} {EventId} to {Target} failed {Attempts} times; last: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string eventType, string eventId, string target, int attempts, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Rejected an event: {Reason}")]
    public static partial void Rejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "{Method} {Path} refused: {Reason}")]
    public static partial void SignatureRejected(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Data directory: {Problem}")]
    public static partial void Unreadable(ILogger logger, string problem);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "{Count} dead letter(s) kept from before the restart ({Path})")]
    public static partial void DeadLettersRestored(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Event {EventType} {EventId} matched no rule")]
    public static partial void Unmatched(ILogger logger, string eventType, string eventId);
}
