using DevHarness.Oci.Http;

namespace DevHarness.Oci.ObjectStorage;

/// <summary>The headers Object Storage sends with GetObject and HeadObject (docs/oci-facts.md §4).</summary>
public sealed record ObjectHeaders(
    long? ContentLength,
    string? ContentType,
    string? ETag,
    string? ContentMd5,
    DateTimeOffset? LastModified,
    IReadOnlyDictionary<string, string> Metadata,
    string? OpcRequestId,
    string? VersionId = null,
    string? StorageTier = null,
    string? ArchivalState = null,
    string? OpcMultipartMd5 = null)
{
    internal static ObjectHeaders From(HttpResponseMessage response) => new(
        response.Content.Headers.ContentLength,
        response.Content.Headers.ContentType?.ToString(),
        OciHeaders.Get(response, "etag"),
        OciHeaders.Get(response, "content-md5"),
        OciHeaders.GetDate(response, "last-modified"),
        OciHeaders.GetMetadata(response),
        OciHeaders.Get(response, OciHeaders.OpcRequestId),
        OciHeaders.Get(response, "version-id"),
        OciHeaders.Get(response, "storage-tier"),
        OciHeaders.Get(response, "archival-state"),
        OciHeaders.Get(response, "opc-multipart-md5"));
}
