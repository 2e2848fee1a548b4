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

    /// <summary>
    /// Whether a multipart commit made the object: its <see cref="Md5"/> is then OCI's <c>opc-multipart-md5</c>,
    /// <c>&lt;base64 MD5 of the part MD5s&gt;-&lt;part count&gt;</c>, which no plain base64 MD5 can look like.
    /// </summary>
    [JsonIgnore]
    public bool IsMultipart => Md5.Contains('-', StringComparison.Ordinal);
}
