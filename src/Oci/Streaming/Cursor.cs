namespace DevHarness.Oci.Streaming;

/// <summary>An opaque cursor, <c>{"value": "..."}</c>; it expires five minutes after it is issued.</summary>
public sealed record Cursor(string Value);
