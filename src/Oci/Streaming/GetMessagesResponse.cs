namespace DevHarness.Oci.Streaming;

/// <summary>One <c>GetMessages</c> answer: the messages and the cursor to read on with (<c>opc-next-cursor</c>).</summary>
public sealed record GetMessagesResponse(IReadOnlyList<Message> Messages, string? NextCursor, string? OpcRequestId);
