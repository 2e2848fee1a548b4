namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// What a cursor stands for. A partition cursor names a partition and the next offset to read; a group
/// cursor names a group member and, per partition, the offset after the last message it was given.
/// </summary>
internal sealed record CursorState(
    string StreamId,
    DateTimeOffset IssuedAt,
    int Partition,
    long Offset,
    string? GroupName = null,
    string? InstanceName = null,
    IReadOnlyDictionary<int, long>? Positions = null)
{
    public bool IsGroup => GroupName is not null;

    public static CursorState ForPartition(string streamId, DateTimeOffset issuedAt, int partition, long offset) =>
        new(streamId, issuedAt, partition, offset);

    public static CursorState ForGroup(string streamId, DateTimeOffset issuedAt, string groupName, string instanceName, IReadOnlyDictionary<int, long> positions) =>
        new(streamId, issuedAt, -1, -1, groupName, instanceName, positions);
}
