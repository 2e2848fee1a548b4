namespace DevHarness.Oci.Streaming;

/// <summary>A consumer group's state: which instance holds which partition, and committed offsets.</summary>
public sealed record Group(string StreamId, string GroupName, IReadOnlyList<PartitionReservation> Reservations);

public sealed record PartitionReservation(string Partition, long? CommittedOffset, string? ReservedInstance, DateTimeOffset? TimeReservedUntil);
