using DevHarness.KafkaBroker.Protocol;

namespace DevHarness.KafkaBroker.Groups;

/// <summary>A JoinGroup answer; only the leader gets <see cref="Members"/> (it computes the assignment).</summary>
internal sealed record JoinResult(
    ErrorCode Error,
    int GenerationId = -1,
    string? ProtocolName = null,
    string Leader = "",
    string MemberId = "",
    IReadOnlyList<(string MemberId, string? GroupInstanceId, byte[] Metadata)>? Members = null);
