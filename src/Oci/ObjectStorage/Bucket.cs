using System.Text.Json;

namespace DevHarness.Oci.ObjectStorage;

/// <summary>The <c>Bucket</c> model of GetBucket / CreateBucket.</summary>
public sealed record Bucket(
    string Namespace,
    string Name,
    string CompartmentId,
    string Etag,
    DateTimeOffset TimeCreated,
    bool ObjectEventsEnabled,
    string? Id = null,
    string? CreatedBy = null,
    string PublicAccessType = "NoPublicAccess",
    string StorageTier = "Standard",
    string Versioning = "Disabled",
    IReadOnlyDictionary<string, string>? Metadata = null,
    IReadOnlyDictionary<string, string>? FreeformTags = null,
    IReadOnlyDictionary<string, Dictionary<string, JsonElement>>? DefinedTags = null);
