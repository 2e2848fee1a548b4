namespace DevHarness.Emulators.Streaming.Backends;

/// <summary>What a group read returned, and each partition's next offset for the next cursor.</summary>
internal sealed record GroupReadResult(IReadOnlyList<StoredMessage> Messages, IReadOnlyDictionary<int, long> Positions);
