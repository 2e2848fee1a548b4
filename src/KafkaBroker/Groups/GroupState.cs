namespace DevHarness.KafkaBroker.Groups;

/// <summary>The classic consumer-group protocol's states (Kafka's GroupCoordinator).</summary>
internal enum GroupState
{
    /// <summary>No members; committed offsets may still exist.</summary>
    Empty,

    /// <summary>Waiting for every member to (re)join before a new generation starts.</summary>
    PreparingRebalance,

    /// <summary>Generation formed; waiting for the leader's SyncGroup with the assignments.</summary>
    CompletingRebalance,

    /// <summary>Every member has its assignment.</summary>
    Stable,
}
