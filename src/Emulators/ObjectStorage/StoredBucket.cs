using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>A bucket and its objects; guarded by <see cref="ObjectStore"/>'s lock (<c>_gate</c>).</summary>
internal sealed class StoredBucket
{
    public required string Name { get; init; }

    public required string CompartmentId { get; init; }

    public required string Id { get; init; }

    public required DateTimeOffset TimeCreated { get; init; }

    public string ETag { get; set; } = Guid.NewGuid().ToString("D");

    public bool ObjectEventsEnabled { get; set; }

    public string Versioning { get; set; } = "Disabled";

    public string PublicAccessType { get; set; } = "NoPublicAccess";

    public string StorageTier { get; set; } = "Standard";

    public Dictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The bucket's tags, carried by its events (rules may filter on them).</summary>
    public Dictionary<string, string> FreeformTags { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, JsonElement>> DefinedTags { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public Dictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>Object names in OCI's listing order (UTF-8 byte order).</summary>
    [JsonIgnore]
    public SortedSet<string> Names { get; } = new(Utf8NameComparer.Instance);

    /// <summary>Writers holding object locks in this bucket: while any does, the bucket is not deleted.</summary>
    [JsonIgnore]
    public int WritesInFlight { get; set; }
}
