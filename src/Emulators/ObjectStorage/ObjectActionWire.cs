namespace DevHarness.Emulators.ObjectStorage;

/// <summary>The body of CopyObject (<c>POST /n/{ns}/b/{bucket}/actions/copyObject</c>).</summary>
internal sealed record CopyObjectDetails(
    string? SourceObjectName,
    string? DestinationRegion,
    string? DestinationNamespace,
    string? DestinationBucket,
    string? DestinationObjectName,
    string? SourceObjectIfMatchETag = null,
    string? SourceVersionId = null,
    string? DestinationObjectIfMatchETag = null,
    string? DestinationObjectIfNoneMatchETag = null,
    Dictionary<string, string>? DestinationObjectMetadata = null,
    string? DestinationObjectStorageTier = null);

/// <summary>The body of RenameObject (<c>POST /n/{ns}/b/{bucket}/actions/renameObject</c>).</summary>
internal sealed record RenameObjectDetails(
    string? SourceName,
    string? NewName,
    string? SrcObjIfMatchETag = null,
    string? NewObjIfMatchETag = null,
    string? NewObjIfNoneMatchETag = null);

/// <summary>The body of UpdateObjectStorageTier (<c>POST /n/{ns}/b/{bucket}/actions/updateObjectStorageTier</c>).</summary>
internal sealed record UpdateObjectStorageTierDetails(string? ObjectName, string? StorageTier, string? VersionId = null);
