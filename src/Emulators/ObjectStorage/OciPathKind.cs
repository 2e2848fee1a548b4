namespace DevHarness.Emulators.ObjectStorage;

internal enum OciPathKind
{
    Unknown,
    Namespace,
    NamespaceMetadata,
    Buckets,
    Bucket,
    Objects,
    Object,
    MultipartUploads,
    MultipartUpload,
    PreauthenticatedRequests,
    PreauthenticatedRequest,
    BucketAction,
    ObjectVersions,
    WorkRequests,
    WorkRequest,
    WorkRequestErrors,
    WorkRequestLogs,
}
