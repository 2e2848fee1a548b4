namespace DevHarness.Oci.Events;

/// <summary>The Object Storage event types OCI Events emits (docs/oci-facts.md §1.1).</summary>
public static class ObjectStorageEventTypes
{
    public const string Prefix = "com.oraclecloud.objectstorage.";
    public const string CreateObject = Prefix + "createobject";
    public const string UpdateObject = Prefix + "updateobject";
    public const string DeleteObject = Prefix + "deleteobject";
    public const string CreateBucket = Prefix + "createbucket";
    public const string UpdateBucket = Prefix + "updatebucket";
    public const string DeleteBucket = Prefix + "deletebucket";

    /// <summary>The object kind an event type names, or <see cref="ObjectStorageEventKind.Other"/>.</summary>
    public static ObjectStorageEventKind KindOf(string eventType) => eventType switch
    {
        CreateObject => ObjectStorageEventKind.Create,
        UpdateObject => ObjectStorageEventKind.Update,
        DeleteObject => ObjectStorageEventKind.Delete,
        _ => ObjectStorageEventKind.Other,
    };
}
