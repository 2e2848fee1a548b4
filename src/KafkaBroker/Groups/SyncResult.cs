using DevHarness.KafkaBroker.Protocol;

namespace DevHarness.KafkaBroker.Groups;

/// <summary>A SyncGroup answer: this member's assignment, as the leader wrote it.</summary>
internal sealed record SyncResult(ErrorCode Error, byte[] Assignment);
