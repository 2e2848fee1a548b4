using System.Text.Json;

namespace DevHarness.Oci.ObjectStorage;

/// <summary>The body of <c>CreateBucket</c> (<c>POST /n/{ns}/b/</c>).</summary>
public sealed record CreateBucketDetails(
    string Name,
    string CompartmentId,
    bool? ObjectEventsEnabled = null,
    string? PublicAccessType = null,
    string? StorageTier = null,
    string? Versioning = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    IReadOnlyDictionary<string, string>? FreeformTags = null,
    IReadOnlyDictionary<string, Dictionary<string, JsonElement>>? DefinedTags = null);
