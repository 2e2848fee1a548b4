namespace DevHarness.Emulators.ObjectStorage;

internal enum BucketDeletion
{
    Deleted,
    NotFound,
    NotEmpty,
}
