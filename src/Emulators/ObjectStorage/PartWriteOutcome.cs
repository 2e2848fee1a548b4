namespace DevHarness.Emulators.ObjectStorage;

internal enum PartWriteOutcome
{
    Stored,
    UploadGone,
    Committing,
    ETagMismatch,
    AlreadyExists,
}
