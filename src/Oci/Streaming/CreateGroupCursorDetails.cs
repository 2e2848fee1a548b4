namespace DevHarness.Oci.Streaming;

/// <summary>The body of <c>CreateGroupCursor</c> (types AT_TIME, LATEST, TRIM_HORIZON).</summary>
public sealed record CreateGroupCursorDetails(
    CursorType Type,
    string GroupName,
    DateTimeOffset? Time = null,
    string? InstanceName = null,
    int? TimeoutInMs = null,
    bool? CommitOnGet = null);
