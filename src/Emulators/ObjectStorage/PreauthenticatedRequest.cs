using System.Text.Json.Serialization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// A pre-authenticated request as the emulator keeps it: what it grants (OCI's access types), on which
/// bucket and object (or object-name prefix, for the <c>AnyObject…</c> types), until when, and the secret
/// token of its URL.
/// </summary>
internal sealed record PreauthenticatedRequest(
    string Id,
    string Token,
    string BucketName,
    string Name,
    string? ObjectName,
    string AccessType,
    string? BucketListingAction,
    DateTimeOffset TimeExpires,
    DateTimeOffset TimeCreated)
{
    public static readonly string[] AccessTypes = ["ObjectRead", "ObjectWrite", "ObjectReadWrite", "AnyObjectWrite", "AnyObjectRead", "AnyObjectReadWrite"];

    /// <summary>Whether it grants a whole bucket (or an object-name prefix) rather than one object.</summary>
    [JsonIgnore]
    public bool IsBucketScope => AccessType.StartsWith("AnyObject", StringComparison.Ordinal);

    [JsonIgnore]
    public bool AllowsRead => AccessType.Contains("Read", StringComparison.Ordinal);

    [JsonIgnore]
    public bool AllowsWrite => AccessType.EndsWith("Write", StringComparison.Ordinal);

    [JsonIgnore]
    public bool AllowsListing => IsBucketScope && AllowsRead && BucketListingAction == "ListObjects";

    /// <summary>Whether <paramref name="objectName"/> is within what it grants: the object, or a name with the prefix.</summary>
    public bool Covers(string objectName) => IsBucketScope
        ? ObjectName is null || objectName.StartsWith(ObjectName, StringComparison.Ordinal)
        : objectName == ObjectName;
}
