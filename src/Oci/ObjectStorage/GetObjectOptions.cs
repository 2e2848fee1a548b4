using System.Net.Http.Headers;

namespace DevHarness.Oci.ObjectStorage;

/// <summary>Optional parts of <c>GetObject</c> (docs/oci-facts.md §4).</summary>
/// <param name="Range">One byte range (OCI serves a single range); the answer is then 206 with <c>Content-Range</c>.</param>
/// <param name="IfMatch">Fetch only if the object's ETag is this one (412 otherwise).</param>
/// <param name="IfNoneMatch">Fetch only if the ETag differs; a match answers 304 with no body.</param>
/// <param name="VersionId">A specific version on a versioned bucket.</param>
public sealed record GetObjectOptions(
    RangeHeaderValue? Range = null,
    string? IfMatch = null,
    string? IfNoneMatch = null,
    string? VersionId = null);
