namespace DevHarness.Emulators.ObjectStorage;

internal enum BucketDeletion
{
    Deleted,
    NotFound,
    NotEmpty,

    /// <summary>Files of the bucket could not be read at start; they are kept until the user deals with them.</summary>
    HoldsUnreadableFiles,
}
