namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The bucket actions <c>POST /n/{ns}/b/{bucket}/actions/{action}</c>: CopyObject (answered, as OCI does,
/// with a work request; the copy runs before the answer, so the work request is already finished),
/// RenameObject and UpdateObjectStorageTier.
/// </summary>
internal sealed partial class ObjectStorageApi
{
    private readonly WorkRequestStore _workRequests = new();

    private OciResponse BucketAction(ObjectStorageRequest request, StoredBucket bucket, string action, string clientRequestId) => action switch
    {
        "copyObject" => CopyObject(request, bucket, clientRequestId),
        "renameObject" => RenameObject(request, bucket, clientRequestId),
        "updateObjectStorageTier" => UpdateObjectStorageTier(bucket, clientRequestId),
        _ => OciResponse.Error(404, "NotFound", $"There is no bucket action '{action}': use copyObject, renameObject or updateObjectStorageTier.", clientRequestId),
    };

    private OciResponse CopyObject(ObjectStorageRequest request, StoredBucket bucket, string clientRequestId)
    {
        if (ReadDetails(ObjectStorageApiJsonContext.Default.CopyObjectDetails, "CopyObject", clientRequestId, out var error) is not { } details)
        {
            return error!;
        }

        if (string.IsNullOrEmpty(details.SourceObjectName) || string.IsNullOrEmpty(details.DestinationRegion) || string.IsNullOrEmpty(details.DestinationNamespace)
            || string.IsNullOrEmpty(details.DestinationBucket) || string.IsNullOrEmpty(details.DestinationObjectName))
        {
            return OciResponse.Error(400, "MissingParameter", "CopyObjectDetails requires 'sourceObjectName', 'destinationRegion', 'destinationNamespace', 'destinationBucket' and 'destinationObjectName'.", clientRequestId);
        }

        var invalid = ValidateObjectName(details.SourceObjectName)
            ?? ResourceNames.NamespaceProblem(details.DestinationNamespace)
            ?? ResourceNames.BucketProblem(details.DestinationBucket)
            ?? ValidateObjectName(details.DestinationObjectName)
            ?? ValidateStorageTier(details.DestinationObjectStorageTier, "destinationObjectStorageTier")
            ?? ValidateMetadataKeys(details.DestinationObjectMetadata, "destinationObjectMetadata")
            ?? (details.DestinationObjectIfNoneMatchETag is null or "*" ? null : $"destinationObjectIfNoneMatchETag accepts only '*', not '{details.DestinationObjectIfNoneMatchETag}'.");
        if (invalid is not null)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        if (details.DestinationNamespace != store.Namespace)
        {
            return OciResponse.Error(404, "NamespaceNotFound", $"The destination namespace '{details.DestinationNamespace}' does not exist (this emulator serves '{store.Namespace}').", clientRequestId);
        }

        if (store.GetBucket(details.DestinationBucket) is not { } destination)
        {
            return OciResponse.Error(404, "BucketNotFound", $"Either the bucket named '{details.DestinationBucket}' does not exist in the namespace '{store.Namespace}' or you are not authorized to access it", clientRequestId);
        }

        var source = details.SourceVersionId is { } versionId
            ? store.GetObjectVersion(bucket, details.SourceObjectName, versionId)
            : store.GetObject(bucket, details.SourceObjectName);
        if (source is null)
        {
            return details.SourceVersionId is null
                ? ObjectNotFound(bucket, details.SourceObjectName, clientRequestId, withBody: true)
                : OciResponse.Error(404, "ObjectNotFound", $"The version '{details.SourceVersionId}' of object '{details.SourceObjectName}' was not found in the bucket '{bucket.Name}'", clientRequestId);
        }

        var accepted = options.Clock.GetUtcNow();
        var failure = Copy(request, source, destination, details);
        var finished = options.Clock.GetUtcNow();
        var id = $"ocid1.coreservicesworkrequest.oc1.local.{Guid.NewGuid():N}";
        var destinationUri = $"/n/{store.Namespace}/b/{destination.Name}/o/{details.DestinationObjectName}";
        var model = new WorkRequestModel(
            "COPY_OBJECT",
            failure is null ? "COMPLETED" : "FAILED",
            id,
            bucket.CompartmentId,
            [
                new("READ", "object", $"/n/{store.Namespace}/b/{bucket.Name}/o/{source.Name}", new() { ["NAMESPACE"] = store.Namespace, ["BUCKET"] = bucket.Name, ["OBJECT"] = source.Name }),
                new(failure is null ? "WRITTEN" : "RELATED", "object", destinationUri, new() { ["REGION"] = details.DestinationRegion, ["NAMESPACE"] = store.Namespace, ["BUCKET"] = destination.Name, ["OBJECT"] = details.DestinationObjectName }),
            ],
            failure is null ? 100 : 0,
            accepted,
            accepted,
            finished);
        var log = failure is null
            ? $"Copied {model.Resources[0].EntityUri} to {destinationUri}."
            : $"Copying {model.Resources[0].EntityUri} to {destinationUri} failed: {failure.Value.Message}";
        _workRequests.Add(new WorkRequestRecord(
            model,
            failure is { } f ? [new WorkRequestError(f.Code, f.Message, finished)] : [],
            [new WorkRequestLogEntry(log, finished)]));
        return OciResponse.Status(202, clientRequestId).Header("opc-work-request-id", id);
    }

    /// <summary>Writes the copy; returns why it failed (a failed work request, not an error answer), or null.</summary>
    private (string Code, string Message)? Copy(ObjectStorageRequest request, StoredObject source, StoredBucket destination, CopyObjectDetails details)
    {
        if (details.SourceObjectIfMatchETag is { } sourceMatch && sourceMatch.Trim('"') != source.ETag)
        {
            return ("IfMatchFailed", $"sourceObjectIfMatchETag '{sourceMatch}' does not match the source object's ETag '{source.ETag}'.");
        }

        StagedUpload copy;
        try
        {
            copy = store.CopyContent(source);
        }
        catch (IOException)
        {
            return ("Conflict", $"The source object '{source.Name}' was replaced or deleted while it was being copied.");
        }

        using (copy)
        {
            var writeDetails = new ObjectWriteDetails(
                source.ContentType,
                details.DestinationObjectMetadata is { } metadata ? NormalizeMetadata(metadata) : source.Metadata,
                details.DestinationObjectStorageTier ?? destination.StorageTier,
                source.ContentLanguage,
                source.ContentEncoding,
                source.ContentDisposition,
                source.CacheControl);
            var name = details.DestinationObjectName!;
            var ifMatch = details.DestinationObjectIfMatchETag;
            var write = store.PutObject(destination, name, copy, writeDetails, ifMatch, details.DestinationObjectIfNoneMatchETag == "*");
            switch (write.Outcome)
            {
                case ObjectWriteOutcome.AlreadyExists:
                    return ("IfNoneMatchFailed", $"The destination object '{name}' already exists in bucket '{destination.Name}' and destinationObjectIfNoneMatchETag is '*'.");
                case ObjectWriteOutcome.ETagMismatch:
                    return ("IfMatchFailed", IfMatchMessage(ifMatch!, name, write.Previous));
                case ObjectWriteOutcome.BucketNotFound:
                    return ("BucketNotFound", $"The destination bucket '{destination.Name}' was deleted during the copy.");
            }

            PublishWrite(request, destination, write);
            return null;
        }
    }

    private OciResponse RenameObject(ObjectStorageRequest request, StoredBucket bucket, string clientRequestId)
    {
        if (ReadDetails(ObjectStorageApiJsonContext.Default.RenameObjectDetails, "RenameObject", clientRequestId, out var error) is not { } details)
        {
            return error!;
        }

        if (string.IsNullOrEmpty(details.SourceName) || string.IsNullOrEmpty(details.NewName))
        {
            return OciResponse.Error(400, "MissingParameter", "RenameObjectDetails requires 'sourceName' and 'newName'.", clientRequestId);
        }

        var invalid = ValidateObjectName(details.SourceName)
            ?? ValidateObjectName(details.NewName)
            ?? (details.SourceName == details.NewName ? $"newName must differ from sourceName ('{details.NewName}')." : null)
            ?? (details.NewObjIfNoneMatchETag is null or "*" ? null : $"newObjIfNoneMatchETag accepts only '*', not '{details.NewObjIfNoneMatchETag}'.");
        if (invalid is not null)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        if (store.GetObject(bucket, details.SourceName) is not { } source)
        {
            return ObjectNotFound(bucket, details.SourceName, clientRequestId, withBody: true);
        }

        if (details.SrcObjIfMatchETag is { } sourceMatch && sourceMatch.Trim('"') != source.ETag)
        {
            return OciResponse.Error(412, "IfMatchFailed", IfMatchMessage(sourceMatch, source.Name, source), clientRequestId);
        }

        StagedUpload copy;
        try
        {
            copy = store.CopyContent(source);
        }
        catch (IOException)
        {
            return RenameConflict(source, clientRequestId);
        }

        using (copy)
        {
            var (written, deleted) = store.Rename(bucket, source, details.NewName, copy, details.NewObjIfMatchETag, details.NewObjIfNoneMatchETag == "*");
            switch (written?.Outcome)
            {
                case null:
                    return RenameConflict(source, clientRequestId);
                case ObjectWriteOutcome.AlreadyExists:
                    return OciResponse.Error(412, "IfNoneMatchFailed", $"The object '{details.NewName}' already exists in bucket '{bucket.Name}' and newObjIfNoneMatchETag is '*'.", clientRequestId);
                case ObjectWriteOutcome.ETagMismatch:
                    return OciResponse.Error(412, "IfMatchFailed", IfMatchMessage(details.NewObjIfMatchETag!, details.NewName, written.Previous), clientRequestId);
                case ObjectWriteOutcome.BucketNotFound:
                    return BucketNotFound(bucket.Name, clientRequestId);
            }

            // The old name is gone and the new one written: consumers of the events see both.
            if (bucket.ObjectEventsEnabled)
            {
                events.Publish(ObjectEvent("deleteobject", bucket, deleted!.Previous!), request);
            }

            PublishWrite(request, bucket, written);
            var stored = written.Current!;
            var response = OciResponse.Status(200, clientRequestId).Header("ETag", stored.ETag).Header("last-modified", stored.TimeModified);
            return stored.VersionId is { } versionId ? response.Header("version-id", versionId) : response;
        }
    }

    private OciResponse UpdateObjectStorageTier(StoredBucket bucket, string clientRequestId)
    {
        if (ReadDetails(ObjectStorageApiJsonContext.Default.UpdateObjectStorageTierDetails, "UpdateObjectStorageTier", clientRequestId, out var error) is not { } details)
        {
            return error!;
        }

        if (string.IsNullOrEmpty(details.ObjectName) || string.IsNullOrEmpty(details.StorageTier))
        {
            return OciResponse.Error(400, "MissingParameter", "UpdateObjectStorageTierDetails requires 'objectName' and 'storageTier'.", clientRequestId);
        }

        if ((ValidateObjectName(details.ObjectName) ?? ValidateStorageTier(details.StorageTier, "storageTier")) is { } invalid)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        if (!store.UpdateStorageTier(bucket, details.ObjectName, details.VersionId, details.StorageTier))
        {
            return details.VersionId is null
                ? ObjectNotFound(bucket, details.ObjectName, clientRequestId, withBody: true)
                : OciResponse.Error(404, "ObjectNotFound", $"The version '{details.VersionId}' of object '{details.ObjectName}' was not found in the bucket '{bucket.Name}'", clientRequestId);
        }

        return OciResponse.Status(200, clientRequestId);
    }

    /// <summary>The <c>createobject</c>/<c>updateobject</c> event of a successful write, if the bucket emits object events.</summary>
    private void PublishWrite(ObjectStorageRequest request, StoredBucket bucket, ObjectWrite write)
    {
        if (bucket.ObjectEventsEnabled)
        {
            var eventType = write.Outcome == ObjectWriteOutcome.Created ? "createobject" : "updateobject";
            events.Publish(ObjectEvent(eventType, bucket, write.Current!), request);
        }
    }

    private static OciResponse RenameConflict(StoredObject source, string clientRequestId) =>
        OciResponse.Error(409, "Conflict", $"The object '{source.Name}' was replaced or deleted while it was being renamed; retry.", clientRequestId);
}
