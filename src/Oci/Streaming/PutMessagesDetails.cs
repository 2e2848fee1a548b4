namespace DevHarness.Oci.Streaming;

/// <summary>The body of <c>PutMessages</c>. Keys and values travel base64-encoded (byte[] in JSON).</summary>
public sealed record PutMessagesDetails(IReadOnlyList<PutMessagesDetailsEntry> Messages);

/// <summary>One message to put: key optional (≤ 256 bytes), value required (≤ 1 MiB).</summary>
public sealed record PutMessagesDetailsEntry(byte[]? Key, byte[] Value);
