namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// What deleting one version by id did: whether it existed, whether it was a delete marker or the current
/// version, the object version removed, and the previous version that became current again, if any.
/// </summary>
internal sealed record VersionDeletion(bool Found, bool IsDeleteMarker, bool WasCurrent, StoredObject? Deleted, StoredObject? Promoted);
