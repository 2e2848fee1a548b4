using System.Globalization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Multipart uploads (docs/oci-facts.md §9): CreateMultipartUpload, UploadPart, CommitMultipartUpload,
/// AbortMultipartUpload, ListMultipartUploads and ListMultipartUploadParts. Only the commit makes the
/// object visible, and it emits the object's one <c>createobject</c>/<c>updateobject</c> event.
/// </summary>
internal sealed partial class ObjectStorageApi
{
    private const long MaxPartBytes = 50L * 1024 * 1024 * 1024;
    private const long MaxObjectBytes = 10L * 1024 * 1024 * 1024 * 1024;

    private readonly MultipartUploadStore _uploads = new(options.DataDirectory, store.StagingDirectory, options.Clock);

    private OciResponse MultipartOperation(ObjectStorageRequest request, string method, StoredBucket bucket, OciPath path, string clientRequestId)
    {
        var query = request.Http.Request.Query;
        if (path.Kind == OciPathKind.MultipartUploads)
        {
            return method switch
            {
                "POST" => CreateMultipartUpload(request, bucket, clientRequestId),
                "GET" => ListMultipartUploads(query, bucket, clientRequestId),
                _ => MethodNotAllowed(method, clientRequestId),
            };
        }

        var name = path.ObjectName!;
        if (ValidateObjectName(name) is { } invalid)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        if (NullIfEmpty(query["uploadId"]) is not { } uploadId)
        {
            return OciResponse.Error(400, "MissingParameter", $"The uploadId query parameter is required for {method} on a multipart upload.", clientRequestId);
        }

        if (_uploads.Find(bucket.Name, name, uploadId) is not { } upload)
        {
            return NoSuchUpload(bucket, name, uploadId, clientRequestId);
        }

        return method switch
        {
            "PUT" => UploadPart(request, bucket, upload, NullIfEmpty(query["uploadPartNum"]), clientRequestId),
            "POST" => ReadDetails(ObjectStorageApiJsonContext.Default.CommitMultipartUploadDetails, "CommitMultipartUpload", clientRequestId, out var error) is { } details
                ? CommitMultipartUpload(request, bucket, upload, details, clientRequestId)
                : error!,
            "DELETE" => AbortMultipartUpload(bucket, upload, clientRequestId),
            "GET" => ListMultipartUploadParts(query, upload, clientRequestId),
            _ => MethodNotAllowed(method, clientRequestId),
        };
    }

    private OciResponse CreateMultipartUpload(ObjectStorageRequest request, StoredBucket bucket, string clientRequestId)
    {
        if (ReadDetails(ObjectStorageApiJsonContext.Default.CreateMultipartUploadDetails, "CreateMultipartUpload", clientRequestId, out var error) is not { } details)
        {
            return error!;
        }

        if (string.IsNullOrEmpty(details.Object))
        {
            return OciResponse.Error(400, "MissingParameter", "CreateMultipartUploadDetails requires 'object', the name of the object to upload.", clientRequestId);
        }

        var invalid = ValidateObjectName(details.Object)
            ?? ValidateStorageTier(details.StorageTier, "storageTier")
            ?? ValidateMetadataKeys(details.Metadata, "metadata");
        if (invalid is not null)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        var writeDetails = new ObjectWriteDetails(
            details.ContentType ?? "application/octet-stream",
            NormalizeMetadata(details.Metadata),
            details.StorageTier ?? bucket.StorageTier,
            details.ContentLanguage,
            details.ContentEncoding,
            details.ContentDisposition,
            details.CacheControl);
        return StartUpload(request, bucket, details.Object, writeDetails, parToken: null, clientRequestId);
    }

    /// <summary>Starts an upload (checking <c>If-Match</c>/<c>If-None-Match</c> against the object as it is now).</summary>
    private OciResponse StartUpload(ObjectStorageRequest request, StoredBucket bucket, string name, ObjectWriteDetails details, string? parToken, string clientRequestId)
    {
        var headers = request.Http.Request.Headers;
        var existing = store.GetObject(bucket, name);
        var ifNoneMatch = headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch != "*")
        {
            return OciResponse.Error(400, "InvalidParameter", $"If-None-Match accepts only '*', not '{ifNoneMatch}'.", clientRequestId);
        }

        if (ifNoneMatch == "*" && existing is not null)
        {
            return OciResponse.Error(412, "IfNoneMatchFailed", $"The object '{name}' already exists in bucket '{bucket.Name}' and If-None-Match is '*'.", clientRequestId);
        }

        var ifMatch = headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && (existing is null || (ifMatch != "*" && ifMatch.Trim('"') != existing.ETag)))
        {
            return OciResponse.Error(412, "IfMatchFailed", IfMatchMessage(ifMatch, name, existing), clientRequestId);
        }

        var upload = _uploads.Create(bucket.Name, name, details);
        var accessUri = parToken is null ? null : PreauthenticatedPath.UploadUri(parToken, store.Namespace, bucket.Name, name, upload.UploadId);
        return OciResponse.WithJson(200, ToModel(upload, accessUri), Wire.MultipartUploadModel, clientRequestId)
            .Header("Location", $"/n/{Uri.EscapeDataString(store.Namespace)}/b/{Uri.EscapeDataString(bucket.Name)}/u/{Uri.EscapeDataString(name)}?uploadId={upload.UploadId}");
    }

    private OciResponse UploadPart(ObjectStorageRequest request, StoredBucket bucket, MultipartUpload upload, string? partNumText, string clientRequestId)
    {
        var staged = request.Upload ?? throw new InvalidOperationException("UploadPart reached the API without a staged body.");
        if (partNumText is null)
        {
            return OciResponse.Error(400, "MissingParameter", "The uploadPartNum query parameter is required for UploadPart.", clientRequestId);
        }

        if (!int.TryParse(partNumText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > MultipartUploadStore.MaxPartNumber)
        {
            return OciResponse.Error(400, "InvalidParameter", $"uploadPartNum must be an integer from 1 to {MultipartUploadStore.MaxPartNumber}, not '{partNumText}'.", clientRequestId);
        }

        var headers = request.Http.Request.Headers;
        var contentMd5 = headers.ContentMD5.ToString();
        if (contentMd5.Length > 0 && !string.Equals(contentMd5, staged.Md5, StringComparison.Ordinal))
        {
            // OCI's own wording, as for PutObject (docs/oci-facts.md §4).
            return OciResponse.Error(400, "InvalidParameter", $"The computed MD5 of the request body ({staged.Md5}) does not match the Content-MD5 header ({contentMd5})", clientRequestId);
        }

        if (staged.Content.Length > MaxPartBytes)
        {
            return OciResponse.Error(400, "InvalidParameter", $"Part {number} is {staged.Content.Length} bytes; a part may be at most 50 GiB.", clientRequestId);
        }

        var ifNoneMatch = headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch != "*")
        {
            return OciResponse.Error(400, "InvalidParameter", $"If-None-Match accepts only '*', not '{ifNoneMatch}'.", clientRequestId);
        }

        var ifMatch = NullIfEmpty(headers.IfMatch);
        var (outcome, part) = _uploads.PutPart(upload, number, staged, ifMatch, ifNoneMatch == "*");
        return outcome switch
        {
            PartWriteOutcome.UploadGone => NoSuchUpload(bucket, upload.ObjectName, upload.UploadId, clientRequestId),
            PartWriteOutcome.Committing => UploadBusy(upload, clientRequestId),
            PartWriteOutcome.AlreadyExists => OciResponse.Error(412, "IfNoneMatchFailed", $"Part {number} of upload '{upload.UploadId}' already exists and If-None-Match is '*'.", clientRequestId),
            PartWriteOutcome.ETagMismatch => OciResponse.Error(412, "IfMatchFailed", part is null
                ? $"The If-Match header '{ifMatch}' was given but part {number} of upload '{upload.UploadId}' does not exist."
                : $"The If-Match header '{ifMatch}' does not match the current ETag '{part.ETag}' of part {number}.", clientRequestId),
            _ => OciResponse.Status(200, clientRequestId).Header("ETag", part!.ETag).Header("opc-content-md5", part.Md5),
        };
    }

    /// <summary>
    /// Assembles the listed parts, in ascending part number, into the object. Every uploaded part must be
    /// either committed (with the ETag UploadPart answered) or excluded, as OCI's model requires; a
    /// <paramref name="details"/> of null (a commit through a PAR) commits every uploaded part.
    /// </summary>
    private OciResponse CommitMultipartUpload(ObjectStorageRequest request, StoredBucket bucket, MultipartUpload upload, CommitMultipartUploadDetails? details, string clientRequestId)
    {
        var uploaded = _uploads.BeginCommit(upload);
        if (uploaded is null)
        {
            return _uploads.Find(bucket.Name, upload.ObjectName, upload.UploadId) is null
                ? NoSuchUpload(bucket, upload.ObjectName, upload.UploadId, clientRequestId)
                : UploadBusy(upload, clientRequestId);
        }

        var committed = false;
        try
        {
            details ??= new CommitMultipartUploadDetails([.. uploaded.Select(p => new CommitMultipartUploadPartDetails(p.Number, p.ETag))]);
            var (parts, problem) = SelectCommittedParts(upload, uploaded, details);
            if (parts is null)
            {
                return OciResponse.Error(400, "InvalidParameter", problem!, clientRequestId);
            }

            var size = parts.Sum(p => p.Size);
            if (size > MaxObjectBytes)
            {
                return OciResponse.Error(400, "InvalidParameter", $"The committed parts add up to {size} bytes; an object may be at most 10 TiB.", clientRequestId);
            }

            var headers = request.Http.Request.Headers;
            var ifNoneMatch = headers.IfNoneMatch.ToString();
            if (ifNoneMatch.Length > 0 && ifNoneMatch != "*")
            {
                return OciResponse.Error(400, "InvalidParameter", $"If-None-Match on CommitMultipartUpload accepts only '*', not '{ifNoneMatch}'.", clientRequestId);
            }

            var ifMatch = headers.IfMatch.ToString();
            using var assembled = _uploads.Assemble(parts, MultipartUploadStore.MultipartMd5(parts));
            var write = store.PutObject(bucket, upload.ObjectName, assembled, upload.Details, ifMatch.Length > 0 ? ifMatch : null, ifNoneMatch == "*");
            switch (write.Outcome)
            {
                case ObjectWriteOutcome.AlreadyExists:
                    return OciResponse.Error(412, "IfNoneMatchFailed", $"The object '{upload.ObjectName}' already exists in bucket '{bucket.Name}' and If-None-Match is '*'.", clientRequestId);
                case ObjectWriteOutcome.ETagMismatch:
                    return OciResponse.Error(412, "IfMatchFailed", IfMatchMessage(ifMatch, upload.ObjectName, write.Previous), clientRequestId);
                case ObjectWriteOutcome.BucketNotFound:
                    return BucketNotFound(bucket.Name, clientRequestId);
            }

            committed = true;
            PublishWrite(request, bucket, write);
            var stored = write.Current!;

            var response = OciResponse.Status(200, clientRequestId)
                .Header("opc-multipart-md5", stored.Md5)
                .Header("ETag", stored.ETag)
                .Header("last-modified", stored.TimeModified);
            return stored.VersionId is { } versionId ? response.Header("version-id", versionId) : response;
        }
        finally
        {
            _uploads.EndCommit(upload, committed);
        }
    }

    /// <summary>The parts a commit names, in part order, or why the commit cannot be accepted.</summary>
    private static (List<UploadedPart>? Parts, string? Problem) SelectCommittedParts(MultipartUpload upload, IReadOnlyList<UploadedPart> uploaded, CommitMultipartUploadDetails details)
    {
        if (details.PartsToCommit is not { Count: > 0 } toCommit)
        {
            return (null, uploaded.Count == 0
                ? $"Upload '{upload.UploadId}' has no parts to commit: upload at least one part first."
                : "CommitMultipartUploadDetails requires 'partsToCommit', the parts (partNum and etag) that make up the object.");
        }

        var byNumber = uploaded.ToDictionary(p => p.Number);
        var excluded = new HashSet<int>(details.PartsToExclude ?? []);
        var selected = new SortedDictionary<int, UploadedPart>();
        foreach (var requested in toCommit)
        {
            if (!byNumber.TryGetValue(requested.PartNum, out var part))
            {
                return (null, $"Part {requested.PartNum} is listed in partsToCommit but was never uploaded to upload '{upload.UploadId}' (uploaded parts: {Describe(byNumber.Keys)}).");
            }

            if (!string.Equals(requested.Etag?.Trim('"'), part.ETag, StringComparison.Ordinal))
            {
                return (null, $"The etag '{requested.Etag}' given for part {requested.PartNum} does not match the ETag '{part.ETag}' UploadPart returned for it (was the part uploaded again?).");
            }

            if (excluded.Contains(requested.PartNum))
            {
                return (null, $"Part {requested.PartNum} is in both partsToCommit and partsToExclude.");
            }

            if (!selected.TryAdd(requested.PartNum, part))
            {
                return (null, $"Part {requested.PartNum} is listed twice in partsToCommit.");
            }
        }

        var unaccounted = byNumber.Keys.Where(n => !selected.ContainsKey(n) && !excluded.Contains(n)).ToList();
        if (unaccounted.Count > 0)
        {
            return (null, $"Every uploaded part must be in partsToCommit or partsToExclude; part(s) {Describe(unaccounted)} are in neither.");
        }

        return ([.. selected.Values], null);
    }

    private OciResponse AbortMultipartUpload(StoredBucket bucket, MultipartUpload upload, string clientRequestId)
    {
        if (_uploads.Abort(upload))
        {
            return OciResponse.Status(204, clientRequestId);
        }

        return _uploads.Find(bucket.Name, upload.ObjectName, upload.UploadId) is null
            ? NoSuchUpload(bucket, upload.ObjectName, upload.UploadId, clientRequestId)
            : UploadBusy(upload, clientRequestId);
    }

    private OciResponse ListMultipartUploads(IQueryCollection query, StoredBucket bucket, string clientRequestId)
    {
        if (ListPaging.Read(query, out var limit, out var start) is { } invalid)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        var (items, next) = ListPaging.Take(_uploads.List(bucket.Name), start, limit);
        return OciResponse.WithJson(200, [.. items.Select(u => ToModel(u, accessUri: null))], Wire.ListMultipartUploadModel, clientRequestId)
            .WithNextPage(next);
    }

    private OciResponse ListMultipartUploadParts(IQueryCollection query, MultipartUpload upload, string clientRequestId)
    {
        if (ListPaging.Read(query, out var limit, out var start) is { } invalid)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        var (items, next) = ListPaging.Take(_uploads.Parts(upload), start, limit);
        return OciResponse.WithJson(200, [.. items.Select(p => new MultipartUploadPartSummary(p.ETag, p.Md5, p.Size, p.Number))], Wire.ListMultipartUploadPartSummary, clientRequestId)
            .WithNextPage(next);
    }

    /// <summary>Why the bucket cannot be deleted yet, beyond its objects: uploads in progress, PARs (OCI refuses both).</summary>
    private string? DeletionBlocker(StoredBucket bucket) =>
        _uploads.Any(bucket.Name) ? "multipart uploads in progress (commit or abort them)"
        : _pars.Any(bucket.Name) ? "pre-authenticated requests"
        : null;

    private MultipartUploadModel ToModel(MultipartUpload upload, string? accessUri) =>
        new(store.Namespace, upload.BucketName, upload.ObjectName, upload.UploadId, upload.TimeCreated, upload.Details.StorageTier, accessUri);

    private OciResponse NoSuchUpload(StoredBucket bucket, string name, string uploadId, string clientRequestId) =>
        OciResponse.Error(404, "NoSuchUpload", $"There is no multipart upload '{uploadId}' for object '{name}' in bucket '{bucket.Name}' of namespace '{store.Namespace}': it was never started, or it was committed or aborted.", clientRequestId);

    private static OciResponse UploadBusy(MultipartUpload upload, string clientRequestId) =>
        OciResponse.Error(409, "Conflict", $"Multipart upload '{upload.UploadId}' is being committed; retry once the commit has finished.", clientRequestId);

    private static string Describe(IEnumerable<int> numbers)
    {
        var list = numbers.Order().ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list.Take(20)) + (list.Count > 20 ? ", …" : "");
    }
}
