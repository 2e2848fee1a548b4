namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The outcome of a PutObject or DeleteObject on the store: <c>Current</c> is the object after the write
/// (absent for deletes and failures), <c>Previous</c> the object before it, if there was one.
/// <c>DeleteMarkerVersionId</c> is the version id of the delete marker a delete in a versioned bucket left.
/// </summary>
internal sealed record ObjectWrite(ObjectWriteOutcome Outcome, StoredObject? Current, StoredObject? Previous, string? DeleteMarkerVersionId = null);
