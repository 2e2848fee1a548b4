namespace DevHarness.Oci.Streaming;

/// <summary>
/// The body of <c>UpdateGroup</c> (<c>PUT /streams/{id}/groups/{groupName}</c>): where the whole group goes on
/// reading, <c>TRIM_HORIZON</c>, <c>LATEST</c> or <c>AT_TIME</c> with <see cref="Time"/>.
/// </summary>
public sealed record UpdateGroupDetails(CursorType? Type = null, DateTimeOffset? Time = null);
