namespace DevHarness.Emulators.ObjectStorage;

/// <summary>What ListObjectVersions answers (<c>GET /n/{ns}/b/{bucket}/objectversions</c>).</summary>
internal sealed record ObjectVersionCollection(List<ObjectVersionSummary> Items, List<string>? Prefixes);

/// <summary>One version; <c>name</c>, <c>versionId</c>, <c>isDeleteMarker</c> and <c>timeModified</c> always, the rest as <c>fields</c> asks.</summary>
internal sealed record ObjectVersionSummary(
    string Name,
    string? VersionId,
    bool IsDeleteMarker,
    DateTimeOffset TimeModified,
    long? Size = null,
    string? Md5 = null,
    DateTimeOffset? TimeCreated = null,
    string? Etag = null,
    string? StorageTier = null);
