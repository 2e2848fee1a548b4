namespace DevHarness.Emulators.Streaming.Backends;

/// <summary>One instance of a consumer group, reading the partitions the group gives it.</summary>
internal interface IGroupInstance
{
    string GroupName { get; }

    string InstanceName { get; }

    /// <summary>
    /// Commits <paramref name="positions"/> first when the group cursor asked for <c>commitOnGet</c> (they are
    /// what the previous read handed out), then reads from them (a cursor replayed reads the same again).
    /// </summary>
    Task<GroupReadResult> ReadAsync(IReadOnlyDictionary<int, long> positions, int limit, long byteBudget, CancellationToken cancellationToken);

    /// <summary>Commits the offsets a cursor carries for the partitions this instance holds; returns those partitions.</summary>
    Task<IReadOnlyList<int>> CommitAsync(IReadOnlyDictionary<int, long> positions, CancellationToken cancellationToken);

    /// <summary>Keeps the instance in its group (a heartbeat).</summary>
    void Touch();
}
