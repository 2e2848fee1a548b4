namespace DevHarness.Emulators.ObjectStorage;

internal enum ObjectWriteOutcome
{
    Created,
    Updated,
    Deleted,
    NotFound,
    AlreadyExists,
    ETagMismatch,
}
