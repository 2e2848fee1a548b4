using System.Text.Json.Serialization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>One object version as the emulator keeps it: OCI's metadata plus where its bytes live.</summary>
internal sealed record StoredObject(
    string Name,
    long Size,
    string Md5,
    string ETag,
    DateTimeOffset TimeCreated,
    DateTimeOffset TimeModified,
    string ContentType,
    IReadOnlyDictionary<string, string> Metadata,
    string StorageTier = "Standard",
    string? VersionId = null,
    string? ContentLanguage = null,
    string? ContentEncoding = null,
    string? ContentDisposition = null,
    string? CacheControl = null,
    string? DataFile = null)
{
    [JsonIgnore]
    public ObjectContent Content { get; init; } = null!;
}
