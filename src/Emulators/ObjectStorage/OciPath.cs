namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// An Object Storage request path, parsed from the raw request target: the OCI SDKs escape each path
/// parameter with <c>Uri.EscapeDataString</c> (so <c>/</c> arrives as <c>%2F</c>), while curl users send a
/// literal <c>/</c>; both must name the same object (docs/oci-facts.md §4). The decoded path WireMock keeps cannot
/// tell a literal <c>+</c> from a space, so the raw target is the only safe source.
/// <see cref="Detail"/> names what a path addresses below its bucket (an upload's object, a PAR id, an
/// action, a work request id); <see cref="ParToken"/> is set for a target reached through a pre-authenticated
/// request (<c>/p/{token}/n/…</c>), whose remainder is parsed like any other target.
/// </summary>
internal sealed record OciPath(OciPathKind Kind, string? Namespace = null, string? Bucket = null, string? ObjectName = null, string? Detail = null)
{
    public string? ParToken { get; init; }

    public static OciPath Parse(string rawTarget)
    {
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rawTarget : rawTarget[..query];
        if (PreauthenticatedPath.Split(path) is (var token, var inner))
        {
            return Parse(inner) with { ParToken = token };
        }

        if (WorkRequestPath.Parse(path) is { } workRequest)
        {
            return workRequest;
        }

        if (path is "/n" or "/n/")
        {
            return new OciPath(OciPathKind.Namespace);
        }

        if (!path.StartsWith("/n/", StringComparison.Ordinal))
        {
            return new OciPath(OciPathKind.Unknown);
        }

        // /n/{ns}/b/{bucket}/o/{object...}: the object name keeps every remaining '/'.
        var parts = path[3..].Split('/', 5);
        var ns = Uri.UnescapeDataString(parts[0]);
        return parts switch
        {
            [_] or [_, ""] => new OciPath(OciPathKind.NamespaceMetadata, ns),
            [_, "b"] or [_, "b", ""] => new OciPath(OciPathKind.Buckets, ns),
            [_, "b", var bucket] => new OciPath(OciPathKind.Bucket, ns, Uri.UnescapeDataString(bucket)),
            [_, "b", var bucket, ""] => new OciPath(OciPathKind.Bucket, ns, Uri.UnescapeDataString(bucket)),
            [_, "b", var bucket, "o"] => new OciPath(OciPathKind.Objects, ns, Uri.UnescapeDataString(bucket)),
            [_, "b", var bucket, "o", ""] => new OciPath(OciPathKind.Objects, ns, Uri.UnescapeDataString(bucket)),
            [_, "b", var bucket, "o", var name] => new OciPath(OciPathKind.Object, ns, Uri.UnescapeDataString(bucket), Uri.UnescapeDataString(name)),
            [_, "b", var bucket, "u"] => new OciPath(OciPathKind.MultipartUploads, ns, Uri.UnescapeDataString(bucket)),
            [_, "b", var bucket, "u", ""] => new OciPath(OciPathKind.MultipartUploads, ns, Uri.UnescapeDataString(bucket)),
            [_, "b", var bucket, "u", var name] => new OciPath(OciPathKind.MultipartUpload, ns, Uri.UnescapeDataString(bucket), Uri.UnescapeDataString(name)),
            [_, "b", var bucket, "p"] => new OciPath(OciPathKind.PreauthenticatedRequests, ns, Uri.UnescapeDataString(bucket)),
            [_, "b", var bucket, "p", ""] => new OciPath(OciPathKind.PreauthenticatedRequests, ns, Uri.UnescapeDataString(bucket)),
            [_, "b", var bucket, "p", var id] => new OciPath(OciPathKind.PreauthenticatedRequest, ns, Uri.UnescapeDataString(bucket), Detail: Uri.UnescapeDataString(id)),
            [_, "b", var bucket, "actions", var action] => new OciPath(OciPathKind.BucketAction, ns, Uri.UnescapeDataString(bucket), Detail: action),
            [_, "b", var bucket, "objectversions"] => new OciPath(OciPathKind.ObjectVersions, ns, Uri.UnescapeDataString(bucket)),
            _ => new OciPath(OciPathKind.Unknown, ns),
        };
    }
}
