namespace DevHarness.Oci.Events;

/// <summary>What happened to the object, from the event type.</summary>
public enum ObjectStorageEventKind
{
    /// <summary>Not an object event (e.g. <c>createbucket</c>).</summary>
    Other,

    /// <summary><c>com.oraclecloud.objectstorage.createobject</c>.</summary>
    Create,

    /// <summary><c>com.oraclecloud.objectstorage.updateobject</c>.</summary>
    Update,

    /// <summary><c>com.oraclecloud.objectstorage.deleteobject</c>.</summary>
    Delete,
}
