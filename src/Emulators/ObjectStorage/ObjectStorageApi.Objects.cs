using System.Globalization;
using DevHarness.Emulators.Events;
using DevHarness.Oci.ObjectStorage;
using Microsoft.Extensions.Primitives;

namespace DevHarness.Emulators.ObjectStorage;

internal sealed partial class ObjectStorageApi
{
    private const int MaxListLimit = 1000;
    private const string MetadataPrefix = "opc-meta-";

    /// <summary>
    /// Emulator-only: a PutObject with this header emits no event. <c>replay</c> seeds fixture objects with
    /// it, because it then invokes the function itself; an event as well would invoke it twice.
    /// </summary>
    public const string SuppressEventHeader = "x-devharness-suppress-event";

    private static readonly string[] ListFields = ["name", "size", "etag", "md5", "timeCreated", "timeModified", "storageTier", "archivalState"];

    private OciResponse ObjectOperation(ObjectStorageRequest request, string method, StoredBucket bucket, string name, string clientRequestId)
    {
        var isHead = method == "HEAD";
        if (ValidateObjectName(name) is { } invalid)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId, !isHead);
        }

        return method switch
        {
            "PUT" => PutObject(request, bucket, name, clientRequestId),
            "GET" or "HEAD" => GetObject(request, bucket, name, isHead, clientRequestId),
            "DELETE" => DeleteObject(request, bucket, name, clientRequestId),
            _ => MethodNotAllowed(method, clientRequestId),
        };
    }

    private OciResponse PutObject(ObjectStorageRequest request, StoredBucket bucket, string name, string clientRequestId)
    {
        var upload = request.Upload ?? throw new InvalidOperationException("PutObject reached the API without a staged body.");
        var headers = request.Http.Request.Headers;
        var contentMd5 = headers.ContentMD5.ToString();
        if (contentMd5.Length > 0 && !string.Equals(contentMd5, upload.Md5, StringComparison.Ordinal))
        {
            // The message is OCI's own wording (docs/oci-facts.md §4).
            return OciResponse.Error(400, "InvalidParameter", $"The computed MD5 of the request body ({upload.Md5}) does not match the Content-MD5 header ({contentMd5})", clientRequestId);
        }

        var ifNoneMatch = headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch != "*")
        {
            return OciResponse.Error(400, "InvalidParameter", $"If-None-Match on PutObject accepts only '*', not '{ifNoneMatch}'.", clientRequestId);
        }

        var ifMatch = headers.IfMatch.ToString();
        var details = new ObjectWriteDetails(
            headers.ContentType.ToString() is { Length: > 0 } contentType ? contentType : "application/octet-stream",
            UserMetadata(headers),
            headers["storage-tier"].ToString() is { Length: > 0 } tier ? tier : "Standard",
            NullIfEmpty(headers.ContentLanguage),
            NullIfEmpty(headers.ContentEncoding),
            NullIfEmpty(headers.ContentDisposition),
            NullIfEmpty(headers.CacheControl));

        var write = store.PutObject(bucket, name, upload, details, ifMatch.Length > 0 ? ifMatch : null, ifNoneMatch == "*");
        switch (write.Outcome)
        {
            case ObjectWriteOutcome.AlreadyExists:
                return OciResponse.Error(412, "IfNoneMatchFailed", $"The object '{name}' already exists in bucket '{bucket.Name}' and If-None-Match is '*'.", clientRequestId);
            case ObjectWriteOutcome.ETagMismatch:
                return OciResponse.Error(412, "IfMatchFailed", IfMatchMessage(ifMatch, name, write.Previous), clientRequestId);
            case ObjectWriteOutcome.BucketNotFound:
                return BucketNotFound(bucket.Name, clientRequestId);
        }

        var stored = write.Current!;
        if (bucket.ObjectEventsEnabled && !headers.ContainsKey(SuppressEventHeader))
        {
            var eventType = write.Outcome == ObjectWriteOutcome.Created ? "createobject" : "updateobject";
            events.Publish(ObjectEvent(eventType, bucket, stored), request);
        }

        var response = OciResponse.Status(200, clientRequestId)
            .Header("opc-content-md5", stored.Md5)
            .Header("ETag", stored.ETag)
            .Header("last-modified", stored.TimeModified);
        return stored.VersionId is { } versionId ? response.Header("version-id", versionId) : response;
    }

    private OciResponse GetObject(ObjectStorageRequest request, StoredBucket bucket, string name, bool isHead, string clientRequestId)
    {
        var versionId = NullIfEmpty(request.Http.Request.Query["versionId"]);
        var stored = versionId is null ? store.GetObject(bucket, name) : store.GetObjectVersion(bucket, name, versionId);
        if (stored is null)
        {
            return ObjectNotFound(bucket, name, clientRequestId, !isHead);
        }

        var headers = request.Http.Request.Headers;
        var ifMatch = headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && ifMatch.Trim('"') != stored.ETag)
        {
            return OciResponse.Error(412, "IfMatchFailed", IfMatchMessage(ifMatch, name, stored), clientRequestId, !isHead);
        }

        var ifNoneMatch = headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Any(e => e.Trim().Trim('"') == stored.ETag)))
        {
            return OciResponse.Status(304, clientRequestId).Header("ETag", stored.ETag);
        }

        var range = ByteRange.Parse(headers.Range.ToString(), stored.Size, out var unsatisfiable, out var multiple);
        if (multiple)
        {
            return OciResponse.Error(400, "InvalidParameter", "Only a single byte range is supported in the Range header.", clientRequestId, !isHead);
        }

        if (unsatisfiable)
        {
            return OciResponse.Error(416, "InvalidRange", $"The range '{headers.Range}' cannot be satisfied for an object of {stored.Size} bytes.", clientRequestId, !isHead)
                .Header("Content-Range", $"bytes */{stored.Size}");
        }

        var offset = range?.Offset ?? 0;
        var length = range?.Length ?? stored.Size;
        var response = OciResponse.Status(range is null ? 200 : 206, clientRequestId)
            .Header("ETag", stored.ETag)
            .Header(stored.IsMultipart ? "opc-multipart-md5" : "Content-MD5", stored.Md5)
            .Header("Content-Type", stored.ContentType)
            .Header("Content-Length", length.ToString(CultureInfo.InvariantCulture))
            .Header("last-modified", stored.TimeModified)
            .Header("storage-tier", stored.StorageTier)
            .Header("Accept-Ranges", "bytes");
        if (range is not null)
        {
            response.Header("Content-Range", $"bytes {offset}-{offset + length - 1}/{stored.Size}");
        }

        foreach (var (header, value) in OptionalHeaders(stored))
        {
            response.Header(header, value);
        }

        if (!isHead && length > 0)
        {
            // WireMock writes status and headers; the host middleware streams the bytes after it.
            request.Download = (stored.Content, offset, length);
        }

        return response;
    }

    private OciResponse DeleteObject(ObjectStorageRequest request, StoredBucket bucket, string name, string clientRequestId)
    {
        if (NullIfEmpty(request.Http.Request.Query["versionId"]) is { } versionId)
        {
            return DeleteObjectVersion(request, bucket, name, versionId, clientRequestId);
        }

        var ifMatch = request.Http.Request.Headers.IfMatch.ToString();
        var write = store.DeleteObject(bucket, name, ifMatch.Length > 0 ? ifMatch : null);
        switch (write.Outcome)
        {
            case ObjectWriteOutcome.NotFound:
                return ObjectNotFound(bucket, name, clientRequestId, withBody: true);
            case ObjectWriteOutcome.ETagMismatch:
                return OciResponse.Error(412, "IfMatchFailed", IfMatchMessage(ifMatch, name, write.Previous), clientRequestId);
            case ObjectWriteOutcome.BucketNotFound:
                return BucketNotFound(bucket.Name, clientRequestId);
        }

        if (bucket.ObjectEventsEnabled)
        {
            events.Publish(ObjectEvent("deleteobject", bucket, write.Previous!), request);
        }

        var deleted = OciResponse.Status(204, clientRequestId).Header("last-modified", options.Clock.GetUtcNow());
        return write.DeleteMarkerVersionId is { } marker ? deleted.Header("version-id", marker).Header("is-delete-marker", "true") : deleted;
    }

    private OciResponse ListObjects(IQueryCollection query, StoredBucket bucket, string clientRequestId)
    {
        var limit = MaxListLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxListLimit))
        {
            return OciResponse.Error(400, "InvalidParameter", $"limit must be an integer from 1 to {MaxListLimit}, not '{limitText}'.", clientRequestId);
        }

        var delimiter = NullIfEmpty(query["delimiter"]);
        if (delimiter is not (null or "/"))
        {
            return OciResponse.Error(400, "InvalidParameter", $"Only '/' is a supported delimiter, not '{delimiter}'.", clientRequestId);
        }

        var fields = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "name" };
        foreach (var field in query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ListFields.Contains(field, StringComparer.OrdinalIgnoreCase))
            {
                return OciResponse.Error(400, "InvalidParameter", $"'{field}' is not a ListObjects field; use {string.Join(", ", ListFields)}.", clientRequestId);
            }

            fields.Add(field);
        }

        var prefix = NullIfEmpty(query["prefix"]);
        var candidates = store.Snapshot(bucket, prefix, NullIfEmpty(query["start"]), NullIfEmpty(query["startAfter"]), NullIfEmpty(query["end"]), int.MaxValue);
        var objects = new List<ObjectSummary>();
        var prefixes = new List<string>();
        string? nextStartWith = null;
        foreach (var candidate in candidates)
        {
            string? folder = null;
            if (delimiter is not null)
            {
                var slash = candidate.Name.IndexOf('/', prefix?.Length ?? 0);
                if (slash >= 0)
                {
                    folder = candidate.Name[..(slash + 1)];
                    if (prefixes.Count > 0 && prefixes[^1] == folder)
                    {
                        continue;
                    }
                }
            }

            if (objects.Count + prefixes.Count == limit)
            {
                nextStartWith = candidate.Name;
                break;
            }

            if (folder is not null)
            {
                prefixes.Add(folder);
            }
            else
            {
                objects.Add(Summary(candidate, fields));
            }
        }

        var body = new ListObjects(objects, delimiter is null ? null : prefixes, nextStartWith);
        return OciResponse.WithJson(200, body, j => j.ListObjects, clientRequestId);
    }

    private static ObjectSummary Summary(StoredObject stored, HashSet<string> fields) => new(
        stored.Name,
        fields.Contains("size") ? stored.Size : null,
        fields.Contains("md5") ? stored.Md5 : null,
        fields.Contains("timeCreated") ? stored.TimeCreated : null,
        fields.Contains("etag") ? stored.ETag : null,
        fields.Contains("storageTier") ? stored.StorageTier : null,
        ArchivalState: null,
        fields.Contains("timeModified") ? stored.TimeModified : null);

    private ObjectStorageEventFacts ObjectEvent(string eventType, StoredBucket bucket, StoredObject stored) =>
        new(eventType, store.Namespace, bucket.Name, stored.Name, stored.ETag, stored.VersionId, bucket.Id, bucket.CompartmentId,
            CompartmentName: ObjectStorageEventFacts.CompartmentNameOf(bucket.CompartmentId), FreeformTags: bucket.FreeformTags, DefinedTags: bucket.DefinedTags);

    private static OciResponse ObjectNotFound(StoredBucket bucket, string name, string clientRequestId, bool withBody) =>
        OciResponse.Error(404, "ObjectNotFound", $"The object '{name}' was not found in the bucket '{bucket.Name}'", clientRequestId, withBody);

    private static string IfMatchMessage(string ifMatch, string name, StoredObject? current) => current is null
        ? $"The If-Match header '{ifMatch}' was given but the object '{name}' does not exist."
        : $"The If-Match header '{ifMatch}' does not match the current ETag '{current.ETag}' of the object '{name}'.";

    private static Dictionary<string, string> UserMetadata(IHeaderDictionary headers)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in headers)
        {
            if (key.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[key.ToLowerInvariant()] = value.ToString();
            }
        }

        return metadata;
    }

    private static IEnumerable<(string Header, string Value)> OptionalHeaders(StoredObject stored)
    {
        foreach (var (key, value) in stored.Metadata)
        {
            yield return (key, value);
        }

        if (stored.VersionId is { } versionId)
        {
            yield return ("version-id", versionId);
        }

        if (stored.ContentLanguage is { } language)
        {
            yield return ("Content-Language", language);
        }

        if (stored.ContentEncoding is { } encoding)
        {
            yield return ("Content-Encoding", encoding);
        }

        if (stored.ContentDisposition is { } disposition)
        {
            yield return ("Content-Disposition", disposition);
        }

        if (stored.CacheControl is { } cacheControl)
        {
            yield return ("Cache-Control", cacheControl);
        }
    }

    private static string? NullIfEmpty(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();
}
