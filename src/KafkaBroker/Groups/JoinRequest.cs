namespace DevHarness.KafkaBroker.Groups;

/// <summary>
/// A JoinGroup, as the coordinator needs it. <c>RequireKnownMemberId</c> (JoinGroup v4+): a member without
/// an id is given one and asked to join again with it (MEMBER_ID_REQUIRED).
/// </summary>
internal sealed record JoinRequest(
    string MemberId,
    string? GroupInstanceId,
    string ClientId,
    int SessionTimeoutMs,
    int RebalanceTimeoutMs,
    string ProtocolType,
    IReadOnlyList<(string Name, byte[] Metadata)> Protocols,
    bool RequireKnownMemberId);
