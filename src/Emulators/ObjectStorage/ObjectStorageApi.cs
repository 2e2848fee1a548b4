using System.Text;
using System.Text.Json;
using DevHarness.Emulators.Events;
using DevHarness.Oci;
using DevHarness.Oci.ObjectStorage;
using WireMock;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The OCI Object Storage operations behind the emulator's WireMock mapping: routing by the raw request
/// target, then namespace and bucket operations here and object operations in the partial beside it.
/// </summary>
internal sealed partial class ObjectStorageApi(ObjectStore store, ObjectEventPublisher events, ObjectStorageEmulatorOptions options)
{
    private const int MaxObjectNameBytes = 1024;

    /// <summary>What the upload and PAR stores could not load from the data directory at start, naming each file.</summary>
    public IEnumerable<string> LoadProblems => _uploads.LoadProblems.Concat(_pars.LoadProblems);

    public IResponseMessage Handle(IRequestMessage message)
    {
        var request = ObjectStorageRequest.Current
            ?? throw new InvalidOperationException("The Object Storage API was called outside the emulator's request pipeline.");
        request.SmallBody = message.BodyData?.BodyAsBytes ?? (message.Body is { } text ? Encoding.UTF8.GetBytes(text) : null);
        return Route(request, message.Method.ToUpperInvariant()).ToMessage();
    }

    private OciResponse Route(ObjectStorageRequest request, string method)
    {
        var clientRequestId = request.Http.Request.Headers["opc-client-request-id"].ToString();
        var isHead = method == "HEAD";
        var path = OciPath.Parse(request.RawTarget);
        if (ResourceNames.PathProblem(request.RawTarget, path) is { } badName)
        {
            return OciResponse.Error(400, "InvalidParameter", badName, clientRequestId, !isHead);
        }

        if (path.ParToken is not null)
        {
            return PreauthenticatedAccess(request, method, path, clientRequestId);
        }

        if (path.Kind is OciPathKind.WorkRequests or OciPathKind.WorkRequest or OciPathKind.WorkRequestErrors or OciPathKind.WorkRequestLogs)
        {
            return WorkRequestOperation(request, method, path, clientRequestId);
        }

        if (path.Kind == OciPathKind.Namespace)
        {
            return method == "GET"
                ? OciResponse.WithJson(200, store.Namespace, j => j.String, clientRequestId)
                : MethodNotAllowed(method, clientRequestId);
        }

        if (path.Kind is OciPathKind.Unknown or OciPathKind.NamespaceMetadata)
        {
            return OciResponse.Error(404, "NotFound", $"There is no operation for {method} {request.RawTarget.Split('?')[0]}.", clientRequestId, !isHead);
        }

        if (!string.Equals(path.Namespace, store.Namespace, StringComparison.Ordinal))
        {
            return OciResponse.Error(404, "NamespaceNotFound", $"You do not have authorization to perform this request, or the requested resource could not be found. The namespace '{path.Namespace}' does not exist (this emulator serves '{store.Namespace}').", clientRequestId, !isHead);
        }

        if (path.Kind == OciPathKind.Buckets)
        {
            return method switch
            {
                "POST" => CreateBucket(request.Http, clientRequestId),
                "GET" => ListBuckets(clientRequestId),
                _ => MethodNotAllowed(method, clientRequestId),
            };
        }

        var bucket = store.GetBucket(path.Bucket!);
        if (bucket is null)
        {
            return BucketNotFound(path.Bucket!, clientRequestId, !isHead);
        }

        return path.Kind switch
        {
            OciPathKind.Bucket => method switch
            {
                "GET" or "HEAD" => GetBucket(bucket, isHead, clientRequestId),
                "POST" => UpdateBucket(request.Http, bucket, clientRequestId),
                "DELETE" => DeleteBucket(request, bucket, clientRequestId),
                _ => MethodNotAllowed(method, clientRequestId),
            },
            OciPathKind.Objects => method == "GET" ? ListObjects(request.Http.Request.Query, bucket, clientRequestId) : MethodNotAllowed(method, clientRequestId),
            OciPathKind.MultipartUploads or OciPathKind.MultipartUpload => MultipartOperation(request, method, bucket, path, clientRequestId),
            OciPathKind.PreauthenticatedRequests or OciPathKind.PreauthenticatedRequest => PreauthenticatedRequestOperation(request, method, bucket, path, clientRequestId),
            OciPathKind.BucketAction => method == "POST" ? BucketAction(request, bucket, path.Detail!, clientRequestId) : MethodNotAllowed(method, clientRequestId),
            OciPathKind.ObjectVersions => method == "GET" ? ListObjectVersions(request.Http.Request.Query, bucket, clientRequestId) : MethodNotAllowed(method, clientRequestId),
            _ => ObjectOperation(request, method, bucket, path.ObjectName!, clientRequestId),
        };
    }

    private OciResponse CreateBucket(HttpContext http, string clientRequestId)
    {
        // WireMock has read the body; the JSON is small, so reading it from the journal copy is fine.
        CreateBucketDetails? details;
        try
        {
            details = JsonSerializer.Deserialize(CurrentBody(), OciJsonContext.Default.CreateBucketDetails);
        }
        catch (JsonException ex)
        {
            return OciResponse.Error(400, "CannotParseRequest", $"The CreateBucket body is not valid CreateBucketDetails JSON: {ex.Message}", clientRequestId);
        }

        if (details is null || string.IsNullOrEmpty(details.Name) || string.IsNullOrEmpty(details.CompartmentId))
        {
            return OciResponse.Error(400, "MissingParameter", "CreateBucketDetails requires 'name' and 'compartmentId'.", clientRequestId);
        }

        if (ResourceNames.BucketProblem(details.Name) is { } badName)
        {
            return OciResponse.Error(400, "InvalidParameter", badName, clientRequestId);
        }

        if (details.Versioning is not (null or "Enabled" or "Disabled"))
        {
            return OciResponse.Error(400, "InvalidParameter", $"versioning must be 'Enabled' or 'Disabled', not '{details.Versioning}'.", clientRequestId);
        }

        // Like OCI, objectEventsEnabled is false unless the request asks for it.
        StoredBucket? bucket;
        try
        {
            bucket = store.CreateBucket(details.Name, details.CompartmentId, details.ObjectEventsEnabled ?? false, details.Versioning, details.Metadata, new BucketTags(details.FreeformTags, details.DefinedTags));
        }
        catch (IOException taken)
        {
            return OciResponse.Error(409, "BucketAlreadyExists", taken.Message, clientRequestId);
        }

        if (bucket is null)
        {
            return OciResponse.Error(409, "BucketAlreadyExists", $"Either the bucket '{details.Name}' in namespace '{store.Namespace}' already exists or you are not authorized to create it", clientRequestId);
        }

        events.Publish(BucketEvent("createbucket", bucket), ObjectStorageRequest.Current!);
        return OciResponse.WithJson(200, ToModel(bucket), j => j.Bucket, clientRequestId)
            .Header("ETag", bucket.ETag)
            .Header("Location", $"{http.Request.Scheme}://{http.Request.Host}/n/{store.Namespace}/b/{bucket.Name}");
    }

    private OciResponse ListBuckets(string clientRequestId)
    {
        var summaries = store.ListBuckets()
            .Select(b => new BucketSummary(store.Namespace, b.Name, b.CompartmentId, b.ETag, b.TimeCreated))
            .ToList();
        return OciResponse.WithJson(200, summaries, j => j.ListBucketSummary, clientRequestId);
    }

    private OciResponse GetBucket(StoredBucket bucket, bool isHead, string clientRequestId) => isHead
        ? OciResponse.Status(200, clientRequestId).Header("ETag", bucket.ETag)
        : OciResponse.WithJson(200, ToModel(bucket), j => j.Bucket, clientRequestId).Header("ETag", bucket.ETag);

    private OciResponse UpdateBucket(HttpContext http, StoredBucket bucket, string clientRequestId)
    {
        bool? objectEventsEnabled = null;
        string? versioning = null;
        BucketTags tags;
        try
        {
            using var document = JsonDocument.Parse(CurrentBody());
            tags = BucketTags.Read(document.RootElement);
            if (document.RootElement.TryGetProperty("objectEventsEnabled", out var enabled))
            {
                objectEventsEnabled = enabled.GetBoolean();
            }

            if (document.RootElement.TryGetProperty("versioning", out var versioningElement))
            {
                versioning = versioningElement.GetString();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return OciResponse.Error(400, "CannotParseRequest", $"The UpdateBucket body is not valid UpdateBucketDetails JSON: {ex.Message}", clientRequestId);
        }

        if (versioning is not (null or "Enabled" or "Suspended" or "Disabled"))
        {
            return OciResponse.Error(400, "InvalidParameter", $"versioning must be 'Enabled' or 'Suspended', not '{versioning}'.", clientRequestId);
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch.Trim('"') != bucket.ETag)
        {
            return OciResponse.Error(412, "IfMatchFailed", $"The If-Match header '{ifMatch}' does not match the bucket's ETag '{bucket.ETag}'.", clientRequestId);
        }

        store.UpdateBucket(bucket, objectEventsEnabled, versioning, tags);
        events.Publish(BucketEvent("updatebucket", bucket), ObjectStorageRequest.Current!);
        return OciResponse.WithJson(200, ToModel(bucket), j => j.Bucket, clientRequestId).Header("ETag", bucket.ETag);
    }

    private OciResponse DeleteBucket(ObjectStorageRequest request, StoredBucket bucket, string clientRequestId)
    {
        if (DeletionBlocker(bucket) is { } blocker)
        {
            return OciResponse.Error(409, "BucketNotEmpty", $"Bucket named '{bucket.Name}' is not empty: it has {blocker}. Delete them first.", clientRequestId);
        }

        switch (store.DeleteBucket(bucket.Name))
        {
            case BucketDeletion.NotEmpty:
                return OciResponse.Error(409, "BucketNotEmpty", $"Bucket named '{bucket.Name}' is not empty. Delete all objects first.", clientRequestId);
            case BucketDeletion.HoldsUnreadableFiles:
                return OciResponse.Error(409, "BucketNotEmpty", $"Bucket named '{bucket.Name}' holds files the emulator could not read at start ({string.Join(", ", store.UnreadableFiles(bucket.Name))}); repair or remove them first.", clientRequestId);
            case BucketDeletion.NotFound:
                return BucketNotFound(bucket.Name, clientRequestId);
            default:
                events.Publish(BucketEvent("deletebucket", bucket), request);
                return OciResponse.Status(204, clientRequestId);
        }
    }

    private Bucket ToModel(StoredBucket bucket) => new(
        store.Namespace,
        bucket.Name,
        bucket.CompartmentId,
        bucket.ETag,
        bucket.TimeCreated,
        bucket.ObjectEventsEnabled,
        bucket.Id,
        CreatedBy: "ocid1.user.oc1..devharness",
        bucket.PublicAccessType,
        bucket.StorageTier,
        bucket.Versioning,
        bucket.Metadata,
        bucket.FreeformTags,
        bucket.DefinedTags);

    private ObjectStorageEventFacts BucketEvent(string eventType, StoredBucket bucket) =>
        new(eventType, store.Namespace, bucket.Name, ObjectName: null, bucket.ETag, BucketId: bucket.Id, CompartmentId: bucket.CompartmentId,
            CompartmentName: ObjectStorageEventFacts.CompartmentNameOf(bucket.CompartmentId), PublicAccessType: bucket.PublicAccessType,
            FreeformTags: bucket.FreeformTags, DefinedTags: bucket.DefinedTags);

    private OciResponse BucketNotFound(string bucketName, string clientRequestId, bool withBody = true) =>
        OciResponse.Error(404, "BucketNotFound", $"Either the bucket named '{bucketName}' does not exist in the namespace '{store.Namespace}' or you are not authorized to access it", clientRequestId, withBody);

    private static OciResponse MethodNotAllowed(string method, string clientRequestId) =>
        OciResponse.Error(405, "MethodNotAllowed", $"The method {method} is not allowed on this resource.", clientRequestId);

    private static byte[] CurrentBody() => ObjectStorageRequest.Current!.SmallBody ?? [];

    private static string? ValidateObjectName(string name)
    {
        if (name.Length == 0)
        {
            return "The object name must not be empty.";
        }

        if (name.AsSpan().IndexOfAny('\n', '\r', '\0') >= 0)
        {
            return "The object name must not contain line feed, carriage return or NUL characters.";
        }

        var bytes = Encoding.UTF8.GetByteCount(name);
        return bytes > MaxObjectNameBytes
            ? $"The object name is {bytes} bytes in UTF-8; the limit is {MaxObjectNameBytes}."
            : null;
    }
}
