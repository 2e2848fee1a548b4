namespace DevHarness.Oci.Streaming;

/// <summary>The body of <c>CreateCursor</c>. <c>partition</c> is a string on the wire.</summary>
public sealed record CreateCursorDetails(string Partition, CursorType Type, long? Offset = null, DateTimeOffset? Time = null);
