namespace DevHarness.Oci.ObjectStorage;

/// <summary>Optional parts of <c>DeleteObject</c>.</summary>
/// <param name="IfMatch">Delete only this ETag (412 otherwise).</param>
/// <param name="VersionId">Delete this version on a versioned bucket.</param>
public sealed record DeleteObjectOptions(string? IfMatch = null, string? VersionId = null);
