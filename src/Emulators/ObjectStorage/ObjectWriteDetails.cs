namespace DevHarness.Emulators.ObjectStorage;

/// <summary>The headers of a PutObject that become the object's metadata.</summary>
internal sealed record ObjectWriteDetails(
    string ContentType,
    IReadOnlyDictionary<string, string> Metadata,
    string StorageTier = "Standard",
    string? ContentLanguage = null,
    string? ContentEncoding = null,
    string? ContentDisposition = null,
    string? CacheControl = null);
