using DevHarness.Oci.Events;

namespace DevHarness.Integration.AppHost;

/// <summary>One write a test made to an object, in order: what the stream must then carry for it.</summary>
internal sealed record ExpectedWrite(ObjectStorageEventKind Kind, byte[]? Body = null, string? ContentType = null, string? ETag = null);
