namespace DevHarness.Oci.ObjectStorage;

/// <summary>What <c>PutObject</c> answers: the new ETag and the MD5 the service computed (<c>opc-content-md5</c>).</summary>
public sealed record PutObjectResponse(string? ETag, string? OpcContentMd5, DateTimeOffset? LastModified, string? VersionId, string? OpcRequestId);
