namespace DevHarness.Oci.ObjectStorage;

/// <summary>What <c>DeleteObject</c> answers (204, headers only).</summary>
public sealed record DeleteObjectResponse(string? OpcRequestId, string? VersionId, bool IsDeleteMarker, DateTimeOffset? LastModified);
