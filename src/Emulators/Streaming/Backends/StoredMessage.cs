namespace DevHarness.Emulators.Streaming.Backends;

/// <summary>One message as a backend returns it: where it is and what it holds.</summary>
internal sealed record StoredMessage(int Partition, long Offset, byte[]? Key, byte[] Value, DateTimeOffset Timestamp)
{
    public long Size => (Key?.Length ?? 0) + Value.Length;
}
