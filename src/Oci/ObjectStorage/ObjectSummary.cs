namespace DevHarness.Oci.ObjectStorage;

/// <summary>One object in a listing; only <see cref="Name"/> is present unless <c>fields</c> asks for more.</summary>
public sealed record ObjectSummary(
    string Name,
    long? Size = null,
    string? Md5 = null,
    DateTimeOffset? TimeCreated = null,
    string? Etag = null,
    string? StorageTier = null,
    string? ArchivalState = null,
    DateTimeOffset? TimeModified = null);
