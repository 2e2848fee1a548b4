using System.Text.Json;

namespace DevHarness.Emulators.Events;

/// <summary>
/// What an Object Storage event says, before it is written in OCI's envelope. The same facts drive the
/// emulator's emission, <c>generate-event</c> and tests, so all three produce one shape (docs/oci-facts.md §1).
/// <c>EventType</c> is the last segment of the OCI event type (<c>createobject</c>, <c>createbucket</c>, …);
/// <c>ObjectName</c> is absent for bucket events; <c>VersionId</c> is present only on versioned buckets
/// (docs/oci-facts.md §1.4).
/// </summary>
internal sealed record ObjectStorageEventFacts(
    string EventType,
    string Namespace,
    string BucketName,
    string? ObjectName,
    string? ETag = null,
    string? VersionId = null,
    string? BucketId = null,
    string CompartmentId = ObjectStorageEventFacts.DefaultCompartmentId,
    string CompartmentName = ObjectStorageEventFacts.DefaultCompartmentName,
    string AvailabilityDomain = ObjectStorageEventFacts.DefaultAvailabilityDomain,
    string ArchivalState = "Available",
    string PublicAccessType = "NoPublicAccess",
    IReadOnlyDictionary<string, string>? FreeformTags = null,
    IReadOnlyDictionary<string, Dictionary<string, JsonElement>>? DefinedTags = null)
{
    public const string DefaultCompartmentId = "ocid1.compartment.oc1..devharness";
    public const string DefaultCompartmentName = "devharness";
    public const string DefaultAvailabilityDomain = "LOCAL-AD-1";

    public const string EventTypePrefix = "com.oraclecloud.objectstorage.";

    /// <summary>True for the object event types (create/update/delete object).</summary>
    public bool IsObjectEvent => ObjectName is not null;

    /// <summary>
    /// The compartment name an event carries for <paramref name="compartmentId"/>: there is no identity
    /// service to ask, so the OCID's unique part stands for it (<c>ocid1.compartment.oc1..finance</c> →
    /// <c>finance</c>); the emulator's default compartment is <see cref="DefaultCompartmentName"/>.
    /// </summary>
    public static string CompartmentNameOf(string compartmentId)
    {
        var unique = compartmentId[(compartmentId.LastIndexOf('.') + 1)..];
        return compartmentId == DefaultCompartmentId || unique.Length == 0 ? DefaultCompartmentName : unique;
    }

    /// <summary>The bucket OCID the emulator uses when none is given: stable per namespace and bucket.</summary>
    public static string LocalBucketId(string namespaceName, string bucketName) =>
        $"ocid1.bucket.oc1.local.{namespaceName}.{bucketName}";
}
