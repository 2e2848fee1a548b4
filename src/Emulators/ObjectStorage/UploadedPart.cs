using System.Text.Json.Serialization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>One part of a multipart upload: its number, size, base64 MD5, ETag, and where its bytes live.</summary>
internal sealed record UploadedPart(int Number, long Size, string Md5, string ETag, string? DataFile = null)
{
    [JsonIgnore]
    public ObjectContent Content { get; init; } = null!;
}
