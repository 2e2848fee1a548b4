namespace DevHarness.Emulators.ObjectStorage;

internal enum OciPathKind
{
    Unknown,
    Namespace,
    NamespaceMetadata,
    Buckets,
    Bucket,
    Objects,
    Object,
}
