namespace DevHarness.Emulators.ObjectStorage;

/// <summary>The body of CreateMultipartUpload (<c>POST /n/{ns}/b/{bucket}/u</c>).</summary>
internal sealed record CreateMultipartUploadDetails(
    string? Object,
    string? ContentType = null,
    string? ContentLanguage = null,
    string? ContentEncoding = null,
    string? ContentDisposition = null,
    string? CacheControl = null,
    string? StorageTier = null,
    Dictionary<string, string>? Metadata = null);

/// <summary>An in-progress upload, as CreateMultipartUpload and ListMultipartUploads answer it; <c>accessUri</c> only when started through a PAR.</summary>
internal sealed record MultipartUploadModel(
    string Namespace,
    string Bucket,
    string Object,
    string UploadId,
    DateTimeOffset TimeCreated,
    string StorageTier,
    string? AccessUri = null);

/// <summary>One uploaded part, as ListMultipartUploadParts answers it.</summary>
internal sealed record MultipartUploadPartSummary(string Etag, string Md5, long Size, int PartNumber);

/// <summary>The body of CommitMultipartUpload.</summary>
internal sealed record CommitMultipartUploadDetails(List<CommitMultipartUploadPartDetails>? PartsToCommit, List<int>? PartsToExclude = null);

/// <summary>A part to commit: its number and the ETag UploadPart answered.</summary>
internal sealed record CommitMultipartUploadPartDetails(int PartNum, string? Etag);
