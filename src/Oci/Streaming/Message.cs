namespace DevHarness.Oci.Streaming;

/// <summary>One message returned by <c>GetMessages</c>; <see cref="Stream"/> is the stream's name.</summary>
public sealed record Message(string Stream, string Partition, byte[]? Key, byte[] Value, long Offset, DateTimeOffset Timestamp);
