using DevHarness.Oci;
using Microsoft.Extensions.Primitives;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Pre-authenticated requests (docs/oci-facts.md §9): Create/Get/List/Delete under <c>/n/{ns}/b/{bucket}/p/</c>, and
/// the requests made through a PAR's URL, <c>/p/{token}/n/{ns}/b/{bucket}/o/…</c>, which carry no signature
/// (strict mode included): GET/HEAD/PUT of objects, listing where the PAR allows it, and multipart uploads
/// started with <c>opc-multipart: true</c>. An unknown, deleted or expired PAR answers 404
/// <c>NotAuthorizedOrNotFound</c>, as does anything outside what the PAR grants.
/// </summary>
internal sealed partial class ObjectStorageApi
{
    private readonly PreauthenticatedRequestStore _pars = new(options.DataDirectory);

    private OciResponse PreauthenticatedRequestOperation(ObjectStorageRequest request, string method, StoredBucket bucket, OciPath path, string clientRequestId)
    {
        if (path.Kind == OciPathKind.PreauthenticatedRequests)
        {
            return method switch
            {
                "POST" => CreatePreauthenticatedRequest(request, bucket, clientRequestId),
                "GET" => ListPreauthenticatedRequests(request.Http.Request.Query, bucket, clientRequestId),
                _ => MethodNotAllowed(method, clientRequestId),
            };
        }

        var id = path.Detail!;
        switch (method)
        {
            case "GET":
                return _pars.Get(bucket.Name, id) is { } par
                    ? OciResponse.WithJson(200, ToSummary(par), Wire.PreauthenticatedRequestSummary, clientRequestId)
                    : ParNotFound(bucket, id, clientRequestId);
            case "DELETE":
                try
                {
                    return _pars.Delete(bucket.Name, id) ? OciResponse.Status(204, clientRequestId) : ParNotFound(bucket, id, clientRequestId);
                }
                catch (IOException unreadable)
                {
                    return OciResponse.Error(409, "Conflict", unreadable.Message, clientRequestId);
                }

            default:
                return MethodNotAllowed(method, clientRequestId);
        }
    }

    private OciResponse CreatePreauthenticatedRequest(ObjectStorageRequest request, StoredBucket bucket, string clientRequestId)
    {
        if (ReadDetails(ObjectStorageApiJsonContext.Default.CreatePreauthenticatedRequestDetails, "CreatePreauthenticatedRequest", clientRequestId, out var error) is not { } details)
        {
            return error!;
        }

        if (string.IsNullOrEmpty(details.Name) || string.IsNullOrEmpty(details.AccessType) || string.IsNullOrEmpty(details.TimeExpires))
        {
            return OciResponse.Error(400, "MissingParameter", "CreatePreauthenticatedRequestDetails requires 'name', 'accessType' and 'timeExpires'.", clientRequestId);
        }

        var now = options.Clock.GetUtcNow();
        DateTimeOffset? timeExpires = OciTimestampJsonConverter.TryParse(details.TimeExpires, out var parsed) ? parsed : null;
        var objectName = string.IsNullOrEmpty(details.ObjectName) ? null : details.ObjectName;
        string? invalid = null;
        if (!PreauthenticatedRequest.AccessTypes.Contains(details.AccessType, StringComparer.Ordinal))
        {
            invalid = $"accessType must be one of {string.Join(", ", PreauthenticatedRequest.AccessTypes)}, not '{details.AccessType}'.";
        }
        else if (timeExpires is null)
        {
            invalid = $"timeExpires must be an RFC 3339 timestamp, such as 2030-01-01T00:00:00Z, not '{details.TimeExpires}'.";
        }
        else if (timeExpires <= now)
        {
            invalid = $"timeExpires {OciTimestampJsonConverter.ToText(timeExpires.Value)} is not in the future (now is {OciTimestampJsonConverter.ToText(now)}).";
        }
        else if (objectName is null && !details.AccessType.StartsWith("AnyObject", StringComparison.Ordinal))
        {
            invalid = $"accessType {details.AccessType} grants one object: objectName is required (use AnyObject… for a whole bucket).";
        }
        else if (objectName is not null && ValidateObjectName(objectName) is { } badName)
        {
            invalid = badName;
        }
        else if (details.BucketListingAction is not (null or "Deny" or "ListObjects"))
        {
            invalid = $"bucketListingAction must be 'Deny' or 'ListObjects', not '{details.BucketListingAction}'.";
        }
        else if (details.BucketListingAction == "ListObjects" && details.AccessType is not ("AnyObjectRead" or "AnyObjectReadWrite"))
        {
            invalid = $"bucketListingAction 'ListObjects' is allowed only with accessType AnyObjectRead or AnyObjectReadWrite, not {details.AccessType}.";
        }

        if (invalid is not null)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        PreauthenticatedRequest par;
        try
        {
            par = _pars.Create(bucket.Name, details.Name, objectName, details.AccessType, details.BucketListingAction, timeExpires!.Value, now);
        }
        catch (IOException unreadable)
        {
            return OciResponse.Error(409, "Conflict", unreadable.Message, clientRequestId);
        }

        // The URL of an object PAR names its object; that of a bucket or prefix PAR ends at /o/ (OCI's too).
        var accessUri = $"/p/{par.Token}/n/{Uri.EscapeDataString(store.Namespace)}/b/{Uri.EscapeDataString(bucket.Name)}/o/"
            + (par.IsBucketScope ? "" : Uri.EscapeDataString(objectName!));
        var http = request.Http.Request;
        var model = new PreauthenticatedRequestModel(
            par.Id, par.Name, accessUri, par.ObjectName, par.BucketListingAction, par.AccessType,
            par.TimeExpires, par.TimeCreated, $"{http.Scheme}://{http.Host}{accessUri}");
        return OciResponse.WithJson(200, model, Wire.PreauthenticatedRequestModel, clientRequestId);
    }

    private OciResponse ListPreauthenticatedRequests(IQueryCollection query, StoredBucket bucket, string clientRequestId)
    {
        if (ListPaging.Read(query, out var limit, out var start) is { } invalid)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        var (items, next) = ListPaging.Take(_pars.List(bucket.Name, NullIfEmpty(query["objectNamePrefix"])), start, limit);
        return OciResponse.WithJson(200, [.. items.Select(ToSummary)], Wire.ListPreauthenticatedRequestSummary, clientRequestId)
            .WithNextPage(next);
    }

    /// <summary>A request through a PAR's URL: the token is the credential; the PAR bounds what it may do.</summary>
    private OciResponse PreauthenticatedAccess(ObjectStorageRequest request, string method, OciPath path, string clientRequestId)
    {
        var isHead = method == "HEAD";
        var par = _pars.FindByToken(path.ParToken!);
        var now = options.Clock.GetUtcNow();
        if (par is null)
        {
            return ParRefused("The pre-authenticated request does not exist (it was deleted, or the URL is wrong).", clientRequestId, isHead);
        }

        if (par.TimeExpires <= now)
        {
            return ParRefused($"The pre-authenticated request '{par.Name}' expired at {OciTimestampJsonConverter.ToText(par.TimeExpires)}.", clientRequestId, isHead);
        }

        if (path.Namespace != store.Namespace || path.Bucket != par.BucketName || store.GetBucket(par.BucketName) is not { } bucket)
        {
            return ParRefused($"The pre-authenticated request '{par.Name}' grants access to bucket '{par.BucketName}' of namespace '{store.Namespace}' only.", clientRequestId, isHead);
        }

        switch (path.Kind)
        {
            case OciPathKind.Object:
                return ParObjectOperation(request, method, bucket, par, path.ObjectName!, clientRequestId);
            case OciPathKind.Objects when method == "GET":
                return ParListObjects(request.Http.Request.Query, bucket, par, clientRequestId);
            case OciPathKind.MultipartUpload:
                return ParMultipartOperation(request, method, bucket, par, path.ObjectName!, clientRequestId);
            default:
                return ParRefused($"A pre-authenticated request cannot {method} {request.RawTarget.Split('?')[0]}.", clientRequestId, isHead);
        }
    }

    private OciResponse ParObjectOperation(ObjectStorageRequest request, string method, StoredBucket bucket, PreauthenticatedRequest par, string name, string clientRequestId)
    {
        var isHead = method == "HEAD";
        if (!par.Covers(name))
        {
            return ParRefused(par.IsBucketScope
                ? $"The pre-authenticated request '{par.Name}' grants objects whose names start with '{par.ObjectName}' only."
                : $"The pre-authenticated request '{par.Name}' grants the object '{par.ObjectName}' only.", clientRequestId, isHead);
        }

        var allowed = method switch
        {
            "GET" or "HEAD" => par.AllowsRead,
            "PUT" => par.AllowsWrite,
            _ => false,
        };
        if (!allowed)
        {
            return method is "GET" or "HEAD" or "PUT"
                ? ParRefused($"The pre-authenticated request '{par.Name}' ({par.AccessType}) does not allow {method}.", clientRequestId, isHead)
                : OciResponse.Error(405, "MethodNotAllowed", $"A pre-authenticated request cannot {method} objects; only GET, HEAD and PUT are allowed.", clientRequestId);
        }

        if (method == "PUT" && string.Equals(request.Http.Request.Headers["opc-multipart"], "true", StringComparison.OrdinalIgnoreCase))
        {
            if (ValidateObjectName(name) is { } invalid)
            {
                return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
            }

            var headers = request.Http.Request.Headers;
            var details = new ObjectWriteDetails(
                headers.ContentType.ToString() is { Length: > 0 } contentType ? contentType : "application/octet-stream",
                UserMetadata(headers),
                bucket.StorageTier,
                NullIfEmpty(headers.ContentLanguage),
                NullIfEmpty(headers.ContentEncoding),
                NullIfEmpty(headers.ContentDisposition),
                NullIfEmpty(headers.CacheControl));
            return StartUpload(request, bucket, name, details, par.Token, clientRequestId);
        }

        return ObjectOperation(request, method, bucket, name, clientRequestId);
    }

    /// <summary>
    /// <c>PUT …/u/{object}/id/{uploadId}/{partNum}</c> uploads a part, <c>POST …/id/{uploadId}/</c> commits every
    /// uploaded part in order, <c>DELETE …/id/{uploadId}/</c> aborts (OCI's PAR multipart flow).
    /// </summary>
    private OciResponse ParMultipartOperation(ObjectStorageRequest request, string method, StoredBucket bucket, PreauthenticatedRequest par, string target, string clientRequestId)
    {
        if (PreauthenticatedPath.SplitUpload(target) is not (var name, var uploadId, var part))
        {
            return ParRefused("A multipart upload through a pre-authenticated request is addressed as …/u/{object}/id/{uploadId}/[{partNum}], the accessUri its creation returned.", clientRequestId, method == "HEAD");
        }

        if (!par.Covers(name) || !par.AllowsWrite)
        {
            return ParRefused($"The pre-authenticated request '{par.Name}' ({par.AccessType}) does not allow writing '{name}'.", clientRequestId, method == "HEAD");
        }

        if (_uploads.Find(bucket.Name, name, uploadId) is not { } upload)
        {
            return NoSuchUpload(bucket, name, uploadId, clientRequestId);
        }

        return (method, part) switch
        {
            ("PUT", { Length: > 0 }) => UploadPart(request, bucket, upload, part, clientRequestId),
            ("POST", "") => CommitMultipartUpload(request, bucket, upload, details: null, clientRequestId),
            ("DELETE", "") => AbortMultipartUpload(bucket, upload, clientRequestId),
            _ => OciResponse.Error(405, "MethodNotAllowed", $"{method} is not allowed on {(part.Length > 0 ? "a part" : "an upload")} through a pre-authenticated request: PUT a part to …/{{partNum}}, POST to …/id/{{uploadId}}/ to commit, DELETE it to abort.", clientRequestId),
        };
    }

    /// <summary>ListObjects through a PAR that allows it; a PAR for a prefix lists only names with that prefix.</summary>
    private OciResponse ParListObjects(IQueryCollection query, StoredBucket bucket, PreauthenticatedRequest par, string clientRequestId)
    {
        if (!par.AllowsListing)
        {
            return ParRefused($"The pre-authenticated request '{par.Name}' does not allow listing objects (bucketListingAction ListObjects on an AnyObjectRead or AnyObjectReadWrite PAR does).", clientRequestId, isHead: false);
        }

        var asked = query["prefix"].ToString();
        if (par.ObjectName is not { } prefix || asked.StartsWith(prefix, StringComparison.Ordinal))
        {
            return ListObjects(query, bucket, clientRequestId);
        }

        if (!prefix.StartsWith(asked, StringComparison.Ordinal))
        {
            return ParRefused($"The pre-authenticated request '{par.Name}' lists only objects whose names start with '{prefix}'.", clientRequestId, isHead: false);
        }

        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        values["prefix"] = new StringValues(prefix);
        return ListObjects(new QueryCollection(values), bucket, clientRequestId);
    }

    private static PreauthenticatedRequestSummary ToSummary(PreauthenticatedRequest par) =>
        new(par.Id, par.Name, par.ObjectName, par.BucketListingAction, par.AccessType, par.TimeExpires, par.TimeCreated);

    private OciResponse ParNotFound(StoredBucket bucket, string id, string clientRequestId) =>
        OciResponse.Error(404, "NotAuthorizedOrNotFound", $"There is no pre-authenticated request '{id}' in bucket '{bucket.Name}' of namespace '{store.Namespace}'.", clientRequestId);

    private static OciResponse ParRefused(string reason, string clientRequestId, bool isHead) =>
        OciResponse.Error(404, "NotAuthorizedOrNotFound", $"Authorization failed or requested resource not found. {reason}", clientRequestId, !isHead);
}
