namespace DevHarness.KafkaBroker.Groups;

/// <summary>One member of a consumer group, with the join or sync it is waiting on.</summary>
internal sealed class GroupMember(string memberId, JoinRequest join)
{
    public string MemberId { get; } = memberId;

    public JoinRequest Join { get; set; } = join;

    public byte[] Assignment { get; set; } = [];

    /// <summary>Last request from this member (Unix ms): the session times out from here.</summary>
    public long LastSeen { get; set; }

    public TaskCompletionSource<JoinResult>? PendingJoin { get; set; }

    public TaskCompletionSource<SyncResult>? PendingSync { get; set; }

    public byte[] MetadataFor(string protocol) => Join.Protocols.First(p => p.Name == protocol).Metadata;

    public bool SameProtocols(JoinRequest other) =>
        Join.ProtocolType == other.ProtocolType
        && Join.Protocols.Count == other.Protocols.Count
        && Join.Protocols.Zip(other.Protocols).All(p => p.First.Name == p.Second.Name && p.First.Metadata.AsSpan().SequenceEqual(p.Second.Metadata));
}
