namespace DevHarness.Emulators.ObjectStorage;

internal enum ObjectWriteOutcome
{
    Created,
    Updated,
    Deleted,
    NotFound,
    AlreadyExists,
    ETagMismatch,

    /// <summary>The bucket was deleted after the request found it; nothing was written.</summary>
    BucketNotFound,
}
