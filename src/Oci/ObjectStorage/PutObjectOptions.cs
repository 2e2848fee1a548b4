namespace DevHarness.Oci.ObjectStorage;

/// <summary>Optional parts of <c>PutObject</c> (docs/oci-facts.md §4).</summary>
/// <param name="ContentType">Defaults to <c>application/octet-stream</c>.</param>
/// <param name="ContentMd5">Base64 MD5 of the body; the service rejects a mismatch with 400.</param>
/// <param name="IfMatch">Overwrite only this ETag.</param>
/// <param name="IfNoneMatch">Only <c>*</c> is allowed: create, never overwrite.</param>
/// <param name="Metadata">User metadata, sent as <c>opc-meta-&lt;key&gt;</c> headers.</param>
/// <param name="ContentLength">The body length when the stream cannot tell (not seekable); otherwise it is sent chunked.</param>
public sealed record PutObjectOptions(
    string? ContentType = null,
    string? ContentMd5 = null,
    string? IfMatch = null,
    string? IfNoneMatch = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    long? ContentLength = null);
