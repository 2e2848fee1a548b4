using System.Text.Json.Serialization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// A multipart upload in progress: the object it will become (name and the metadata given at creation)
/// and the parts uploaded so far, by part number. Guarded by <see cref="MultipartUploadStore"/>'s lock.
/// </summary>
internal sealed class MultipartUpload
{
    public required string UploadId { get; init; }

    public required string BucketName { get; init; }

    public required string ObjectName { get; init; }

    public required DateTimeOffset TimeCreated { get; init; }

    public required ObjectWriteDetails Details { get; init; }

    public SortedDictionary<int, UploadedPart> Parts { get; init; } = [];

    /// <summary>Set while a commit assembles the parts: parts, aborts and other commits wait their turn (409).</summary>
    [JsonIgnore]
    public bool Committing { get; set; }
}
