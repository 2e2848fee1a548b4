namespace DevHarness.KafkaBroker;

/// <summary>One message as stored: its offset, its timestamp (Unix milliseconds) and its key and value bytes.</summary>
public sealed record LogRecord(long Offset, long Timestamp, byte[]? Key, byte[]? Value)
{
    /// <summary>Key plus value bytes, the measure of OCI's limits.</summary>
    public long Size => (Key?.Length ?? 0) + (Value?.Length ?? 0);
}
